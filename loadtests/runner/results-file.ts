/** Results on disk: one JSON file per run, named so runs sort by time and say what they measured. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from './types.ts';

export function resultFileName(
  run: Pick<RunResult, 'scenario' | 'modeLabel' | 'target' | 'startedAt'>,
): string {
  const stamp = run.startedAt.replace(/[:.]/g, '-');
  const label = (run.modeLabel ?? run.target).replace(/[^A-Za-z0-9_-]/g, '_');
  return `${run.scenario}-${label}-${stamp}.json`;
}

export async function writeRunResult(outDir: string, run: RunResult): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, resultFileName(run));
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

/** Every run result in a directory (files that are not run results are skipped). */
export async function readRunResults(
  dir: string,
): Promise<Array<{ file: string; run: RunResult }>> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const runs: Array<{ file: string; run: RunResult }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<RunResult>;
    if (parsed.schemaVersion === 1 && Array.isArray(parsed.steps))
      runs.push({ file, run: parsed as RunResult });
  }
  return runs;
}
