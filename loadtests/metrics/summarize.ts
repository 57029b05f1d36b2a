/**
 * `stats summarize`: per process or container, average and peak CPU and memory and the I/O done
 * during the capture, sorted by average CPU (the seed's docker-stats summary).
 */
import type { MetricsSample } from './metrics-csv.ts';

export interface ProcessSummary {
  source: string;
  id: string;
  name: string;
  samples: number;
  avgCpuPercent: number;
  maxCpuPercent: number;
  avgMemoryBytes: number;
  maxMemoryBytes: number;
  /** Growth of the cumulative counters over the capture; undefined when never readable. */
  readBytes?: number;
  writeBytes?: number;
}

export function summarizeMetrics(samples: MetricsSample[]): ProcessSummary[] {
  const groups = new Map<string, MetricsSample[]>();
  for (const sample of samples) {
    const key = `${sample.source}\0${sample.id}\0${sample.name}`;
    const group = groups.get(key) ?? [];
    group.push(sample);
    groups.set(key, group);
  }
  const summaries = [...groups.values()].map((group): ProcessSummary => {
    const cpu = group.map((s) => s.cpuPercent);
    const memory = group.map((s) => s.memoryBytes);
    return {
      source: group[0].source,
      id: group[0].id,
      name: group[0].name,
      samples: group.length,
      avgCpuPercent: average(cpu),
      maxCpuPercent: Math.max(...cpu),
      avgMemoryBytes: average(memory),
      maxMemoryBytes: Math.max(...memory),
      readBytes: growth(group.map((s) => s.readBytes)),
      writeBytes: growth(group.map((s) => s.writeBytes)),
    };
  });
  return summaries.sort((a, b) => b.avgCpuPercent - a.avgCpuPercent);
}

export function formatSummaryTable(summaries: ProcessSummary[]): string {
  const header = [
    'NAME',
    'ID',
    'AVG CPU%',
    'MAX CPU%',
    'AVG MEM',
    'MAX MEM',
    'READ',
    'WRITE',
    'SAMPLES',
  ];
  const rows = summaries.map((s) => [
    s.name,
    s.id,
    s.avgCpuPercent.toFixed(1),
    s.maxCpuPercent.toFixed(1),
    formatBytes(s.avgMemoryBytes),
    formatBytes(s.maxMemoryBytes),
    s.readBytes === undefined ? '-' : formatBytes(s.readBytes),
    s.writeBytes === undefined ? '-' : formatBytes(s.writeBytes),
    String(s.samples),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function average(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function growth(values: Array<number | undefined>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (present.length === 0) return undefined;
  return Math.max(0, present[present.length - 1] - present[0]);
}
