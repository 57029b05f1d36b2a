/**
 * Log files the embedded PostgreSQL servers' logging collectors write: by default every
 * `.novamart/postgres/<server>/log/*.log`, or any `*.log` below a directory given with `--log-dir`.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_POSTGRES_ROOT } from '../../postgres/paths.ts';
import { SlowlogError } from '../errors.ts';
import { serviceFromPath } from '../services.ts';
import type { LogSource } from './source.ts';

/** Deep enough for `<root>/<server>/log/file.log`; stops a mistaken `--log-dir /` from crawling. */
const MAX_DEPTH = 3;

export interface EmbeddedLogOptions {
  /** @default `.novamart/postgres` in the working directory */
  logDir?: string;
  /** Files last written before this instant cannot hold newer entries and are not read. */
  sinceMs?: number;
}

export async function embeddedLogSources(options: EmbeddedLogOptions = {}): Promise<LogSource[]> {
  const rootDir = path.resolve(options.logDir ?? DEFAULT_POSTGRES_ROOT);
  const rootStat = await stat(rootDir).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    throw new SlowlogError(
      'LogDirNotFound',
      `no PostgreSQL log directory at ${rootDir}: deploy the embedded target first ` +
        '(novamart local deploy) or point --log-dir at a directory of PostgreSQL *.log files',
    );
  }
  const files = await findLogFiles(rootDir, 0);
  const sources: LogSource[] = [];
  for (const file of files.sort()) {
    if (options.sinceMs !== undefined && (await stat(file)).mtimeMs < options.sinceMs) continue;
    sources.push({
      label: file,
      service: serviceFromPath(rootDir, file),
      lines: () => fileLines(file),
    });
  }
  return sources;
}

async function findLogFiles(dir: string, depth: number): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.log')) found.push(full);
    else if (entry.isDirectory() && depth < MAX_DEPTH)
      found.push(...(await findLogFiles(full, depth + 1)));
  }
  return found;
}

function fileLines(file: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
}
