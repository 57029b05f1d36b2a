/**
 * Where an embedded PostgreSQL server keeps its files. Readers of the slow-query log use this to
 * find the log files of a server that is not running.
 */
import path from 'node:path';
import { defaultStateDir } from '../shared/state-dir.ts';

/** Default root of every embedded server: `<state dir>/postgres/<name>/{data,log}` (see state-dir.ts). */
export const DEFAULT_POSTGRES_ROOT = path.join(defaultStateDir(), 'postgres');

export interface EmbeddedPostgresPaths {
  /** The server's own directory: `<root>/<name>`. */
  serverDir: string;
  /** PGDATA, owned by the user the server runs as. */
  dataDir: string;
  /** The logging collector's `log_directory`; holds `postgresql-YYYY-MM-DD.log` files. */
  logDir: string;
}

export function embeddedPostgresPaths(
  name: string,
  rootDir: string = DEFAULT_POSTGRES_ROOT,
): EmbeddedPostgresPaths {
  const serverDir = path.resolve(rootDir, name);
  return { serverDir, dataDir: path.join(serverDir, 'data'), logDir: path.join(serverDir, 'log') };
}
