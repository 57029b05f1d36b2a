import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/shared/logger.ts';
import { SlowlogError } from '../../src/slowlog/errors.ts';
import { formatReportTable } from '../../src/slowlog/report.ts';
import { buildSlowlogReport } from '../../src/slowlog/run.ts';
import { tempLogRoot } from './temp-log-dir.ts';

describe('buildSlowlogReport on embedded log files', () => {
  // The docker fixture has no database names: its folder says it is the orders server.
  const root = tempLogRoot({
    catalog: ['simple.log', 'multiline.log', 'garbage.log'],
    orders: ['docker-orders.log', 'extended.log'],
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('returns the documented JSON shape, version 1', async () => {
    const report = await buildSlowlogReport({
      target: 'embedded',
      service: 'all',
      logDir: root,
      minDurationMs: 200,
      top: 5,
      nowMs: 1_800_000_000_000,
      logger: silentLogger,
    });

    expect(Object.keys(report).sort()).toEqual(
      ['filters', 'generatedAtMs', 'parse', 'services', 'sources', 'target', 'version'].sort(),
    );
    expect(report.version).toBe(1);
    expect(report.generatedAtMs).toBe(1_800_000_000_000);
    expect(report.filters).toEqual({ service: 'all', sinceMs: null, minDurationMs: 200, top: 5 });
    expect(report.sources).toHaveLength(5);
    expect(report.parse.garbageLines).toBe(7);
    expect(report.parse.skippedByFilters).toBe(2); // the parse and bind lines under 1 ms
    expect(report.services.map((s) => s.service)).toEqual(['catalog', 'orders']);

    const statement = report.services[0].statements[0];
    expect(Object.keys(statement).sort()).toEqual(
      [
        'count',
        'databases',
        'example',
        'fingerprint',
        'lastSeen',
        'lastSeenMs',
        'maxMs',
        'meanMs',
        'normalizer',
        'phase',
        'protocols',
        'totalMs',
      ].sort(),
    );
    expect(statement).toMatchObject({
      count: 3,
      totalMs: 1760.625,
      meanMs: 586.875,
      maxMs: 1200,
      lastSeen: '2026-03-02T10:00:04.750Z',
      protocols: { simple: 3, extended: 0 },
    });
    // simple.log also holds an orders statement; it sits in the catalog folder, so it counts there.
    const orderJoin = report.services[1].statements.find((s) => s.example.includes('JOIN'));
    expect(orderJoin?.count).toBe(2);
    expect(report.services.every((s) => s.pgStatStatements === null)).toBe(true);
  });

  it('reports one service when asked and reads only its files', async () => {
    const report = await buildSlowlogReport({
      target: 'embedded',
      service: 'orders',
      logDir: root,
      logger: silentLogger,
    });

    expect(report.services.map((s) => s.service)).toEqual(['orders']);
    expect(report.sources.every((source) => source.includes('/orders/'))).toBe(true);
  });

  it('prints a table with one section per service', async () => {
    const report = await buildSlowlogReport({
      target: 'embedded',
      service: 'all',
      logDir: root,
      minDurationMs: 200,
      logger: silentLogger,
    });

    const table = formatReportTable(report);

    expect(table).toContain('== catalog ==');
    expect(table).toContain('== orders ==');
    expect(table).toMatch(
      /\s3\s+1760\.6\s+586\.9\s+1200\.0\s+2026-03-02 10:00:04\s+SELECT id, name/,
    );
  });

  it('says what to do when the log directory does not exist', async () => {
    const missing = buildSlowlogReport({
      target: 'embedded',
      service: 'all',
      logDir: `${root}/nope`,
      logger: silentLogger,
    });

    await expect(missing).rejects.toBeInstanceOf(SlowlogError);
    await expect(missing).rejects.toThrow(/--log-dir/);
  });
});
