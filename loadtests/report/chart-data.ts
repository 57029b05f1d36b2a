/** What the report's charts draw, computed here so the page's script only hands it to chart.js. */
import type { MetricsSample } from '../metrics/metrics-csv.ts';
import type { ReportRun } from './load-runs.ts';

/** Processes drawn per CPU chart; more lines than this are unreadable. */
const MAX_PROCESSES_PER_CHART = 8;

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

export interface ChartData {
  p95LimitMs?: number;
  maxOfferedRps: number;
  runs: Array<{
    label: string;
    color: string;
    p95: Array<{ x: number; y: number }>;
    achieved: Array<{ x: number; y: number }>;
  }>;
  /** One line per run and step: latency (ms) at each percentile. */
  percentiles: {
    labels: string[];
    lines: Array<{ label: string; color: string; values: number[] }>;
  };
  cpu: Array<{
    runLabel: string;
    lines: Array<{ label: string; color: string; points: Array<{ x: number; y: number }> }>;
  }>;
}

export function buildChartData(runs: ReportRun[]): ChartData {
  const limits = runs
    .map((r) => r.run.thresholds.p95LimitMs)
    .filter((v): v is number => v !== undefined);
  const allSteps = runs.flatMap((r) => r.run.steps);
  const firstCurve = allSteps.find((s) => s.percentileCurve.length > 0)?.percentileCurve ?? [];

  return {
    p95LimitMs: limits.length ? Math.min(...limits) : undefined,
    maxOfferedRps: Math.max(0, ...allSteps.map((s) => s.offeredRps)),
    runs: runs.map((r, i) => ({
      label: r.label,
      color: PALETTE[i % PALETTE.length],
      p95: r.run.steps.map((s) => ({ x: s.offeredRps, y: s.latencyMs.p95 })),
      achieved: r.run.steps.map((s) => ({ x: s.offeredRps, y: s.achievedRps })),
    })),
    percentiles: {
      labels: firstCurve.map(([p]) => `p${p}`),
      lines: runs.flatMap((r, i) =>
        r.run.steps.map((s, j) => ({
          label: `${r.label} @ ${s.offeredRps} rps`,
          color: shade(PALETTE[i % PALETTE.length], j, r.run.steps.length),
          values: s.percentileCurve.map(([, ms]) => ms),
        })),
      ),
    },
    cpu: runs
      .filter((r) => r.metrics.length > 0)
      .map((r) => ({ runLabel: r.label, lines: cpuLines(r.metrics) })),
  };
}

/**
 * One line per process name, summed over the processes that share it: twenty Lambda runtimes
 * (`local-cloud/node bootstrap.mjs`) are one line showing what the function costs in total, next
 * to the worker's one process, rather than twenty lines of which only the busiest fit the chart.
 */
function cpuLines(metrics: MetricsSample[]): ChartData['cpu'][number]['lines'] {
  const start = Math.min(...metrics.map((m) => m.timestampMs));
  const groups = new Map<string, { name: string; ids: Set<string>; cpuAt: Map<number, number> }>();
  for (const m of metrics) {
    const key = `${m.source}\0${m.name}`;
    const group = groups.get(key) ?? { name: m.name, ids: new Set(), cpuAt: new Map() };
    group.ids.add(m.id);
    group.cpuAt.set(m.timestampMs, (group.cpuAt.get(m.timestampMs) ?? 0) + m.cpuPercent);
    groups.set(key, group);
  }
  const ranked = [...groups.values()]
    .map((g) => ({ ...g, totalCpu: [...g.cpuAt.values()].reduce((sum, v) => sum + v, 0) }))
    .sort((a, b) => b.totalCpu - a.totalCpu)
    .slice(0, MAX_PROCESSES_PER_CHART);
  return ranked.map((g, k) => ({
    label:
      g.ids.size > 1
        ? `${g.name} (${g.ids.size} processes, summed)`
        : `${g.name} (${[...g.ids][0]})`,
    color: PALETTE[k % PALETTE.length],
    points: [...g.cpuAt.entries()]
      .sort(([a], [b]) => a - b)
      .map(([t, cpu]) => ({ x: Math.round((t - start) / 100) / 10, y: Math.round(cpu * 10) / 10 })),
  }));
}

/** Lighter shades of a run's colour for its later steps, so one run reads as one family. */
function shade(hex: string, index: number, count: number): string {
  const alpha = count <= 1 ? 1 : 0.35 + (0.65 * (index + 1)) / count;
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha.toFixed(2)})`;
}
