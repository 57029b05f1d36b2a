/**
 * The runs a report is about: every results JSON in the given directories, each with the metrics
 * CSV written beside it (same name, `.metrics.csv`) when there is one.
 */
import { access, readFile } from 'node:fs/promises';
import { type MetricsSample, parseMetricsCsv } from '../metrics/metrics-csv.ts';
import { readRunResults } from '../runner/results-file.ts';
import type { RunResult } from '../runner/types.ts';

export interface ReportRun {
  /** How the run is named in charts and tables: its mode label, else target, made unique. */
  label: string;
  file: string;
  run: RunResult;
  metrics: MetricsSample[];
}

export async function loadRuns(dirs: string[]): Promise<ReportRun[]> {
  const runs: ReportRun[] = [];
  for (const dir of dirs) {
    for (const { file, run } of await readRunResults(dir)) {
      runs.push({ label: '', file, run, metrics: await readMetricsBeside(file) });
    }
  }
  const used = new Map<string, number>();
  for (const entry of runs) {
    const base = entry.run.modeLabel ?? `${entry.run.scenario} (${entry.run.target})`;
    const seen = used.get(base) ?? 0;
    used.set(base, seen + 1);
    entry.label = seen === 0 ? base : `${base} #${seen + 1}`;
  }
  return runs;
}

async function readMetricsBeside(resultsFile: string): Promise<MetricsSample[]> {
  const csv = resultsFile.replace(/\.json$/, '.metrics.csv');
  try {
    await access(csv);
  } catch {
    return [];
  }
  return parseMetricsCsv(await readFile(csv, 'utf8'));
}

/** The highest rate whose step passed with every lower step passing too; undefined when none did. */
export function highestStepHeld(run: RunResult): number | undefined {
  let held: number | undefined;
  for (const step of [...run.steps].sort((a, b) => a.offeredRps - b.offeredRps)) {
    if (!step.passed) break;
    held = step.offeredRps;
  }
  return held;
}
