/**
 * The demo's PostgreSQL data directories: throwaway, and over half a gigabyte a run (575 MB was
 * measured with 30 days of generated price history; it is 60 now), so the demo removes them when
 * it ends. The logs beside them stay for
 * `novamart slowlog --log-dir`.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** `<stateDir>/postgres/<database>/data`, for each database the demo ran. */
function databaseDataDirs(stateDir: string): string[] {
  const root = path.join(stateDir, 'postgres');
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(root, entry.name, 'data'))
    .filter((dir) => existsSync(dir));
}

/** Removes them; call only once PostgreSQL has stopped. Returns what was removed. */
export function removeDatabaseData(stateDir: string): string[] {
  const dirs = databaseDataDirs(stateDir);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  return dirs;
}
