import { describe, expect, it } from 'vitest';
import { SlowLogParser } from '../../src/slowlog/log-parser.ts';
import type { SlowLogEntry } from '../../src/slowlog/types.ts';
import { parseFixture } from './fixture-lines.ts';

describe('SlowLogParser', () => {
  it('reads simple-protocol duration lines and skips other LOG lines', async () => {
    const { entries: emitted, stats } = await parseFixture('simple.log');
    // An entry is emitted when its pid logs again (a DETAIL may still follow), not in log order.
    const entries = emitted.sort((a, b) => a.timestampMs - b.timestampMs);

    expect(entries).toHaveLength(4);
    expect(entries[0]).toEqual({
      timestampMs: Date.parse('2026-03-02T10:00:01.250Z'),
      pid: 4102,
      user: 'catalog_app',
      database: 'catalog',
      durationMs: 250.125,
      phase: 'execute',
      protocol: 'simple',
      statement:
        "SELECT id, name, price_cents FROM products WHERE lower(name) LIKE '%lamp%' ORDER BY id LIMIT 20",
    });
    expect(entries.map((e) => e.database)).toEqual(['catalog', 'catalog', 'orders', 'catalog']);
    expect(stats).toEqual({
      lines: 6,
      entries: 4,
      garbageLines: 0,
      truncatedEntries: 0,
      otherLines: 2,
    });
  });

  it('reads extended-protocol parse, bind and execute lines with their DETAIL parameters', async () => {
    const { entries, stats } = await parseFixture('extended.log');

    expect(entries.map((e) => [e.phase, e.preparedName, e.durationMs])).toEqual([
      ['parse', '<unnamed>', 0.412],
      ['bind', '<unnamed>', 0.09],
      ['execute', '<unnamed>', 228.7],
      ['execute', 'S_1', 240.3],
      ['execute', 'S_2', 512],
    ]);
    expect(entries.every((e) => e.protocol === 'extended')).toBe(true);
    expect(entries[0].parameters).toBeUndefined();
    expect(entries[1].parameters).toBe("$1 = 'cust-0001'");
    // Both spellings PostgreSQL has used: "Parameters:" (13+) and "parameters:" (older).
    expect(entries[3].parameters).toBe("$1 = 'cust-0002'");
    expect(entries[4].parameters).toBe("$1 = '{1,2,3}', $2 = 'SKU-''quoted'''");
    expect(entries[4].statement).toBe(
      'SELECT * FROM order_items WHERE order_id = ANY($1) AND sku <> $2',
    );
    expect(stats.garbageLines).toBe(0);
  });

  it('joins tab-led continuation lines to the statement and to the parameters', async () => {
    const { entries, stats } = await parseFixture('multiline.log');

    expect(entries).toHaveLength(3);
    expect(entries[0].statement).toBe(
      "SELECT p.id,\n       p.name\n  FROM products p\n WHERE p.description ILIKE '%oak%'",
    );
    expect(entries[2].statement).toBe('SELECT *\nFROM products\nWHERE category = $1');
    expect(entries[2].parameters).toBe("$1 = 'line one\nline two'");
    expect(stats.garbageLines).toBe(0);
    expect(stats.lines).toBe(10);
  });

  it('matches DETAIL lines to the entry of the same pid when sessions interleave', async () => {
    const { entries } = await parseFixture('interleaved.log');

    const byPidAndParams = entries.map((e) => [e.pid, e.durationMs, e.parameters ?? null]);
    expect(byPidAndParams).toEqual(
      expect.arrayContaining([
        [7001, 300, "$1 = '11'"],
        [7002, 205, "$1 = 'ord-2'"],
        [7003, 260, null],
        [7001, 310, "$1 = '12'"],
        [7003, 270, null],
      ]),
    );
    expect(entries).toHaveLength(5);
  });

  it('counts truncated entries and keeps what can still be read', async () => {
    const { entries, stats } = await parseFixture('truncated.log');

    expect(stats.truncatedEntries).toBe(3);
    expect(entries.map((e) => e.durationMs)).toEqual([250, 280, 900]);
    // An execute whose DETAIL never came (the log ended) is still an entry, without parameters.
    expect(entries[1]).toMatchObject({ pid: 8002, phase: 'execute' });
    expect(entries[1].parameters).toBeUndefined();
    expect(entries[2].statement).toBe("SELECT id FROM products WHERE name = 'cut off in the mid");
  });

  it('skips and counts garbage lines without stopping', async () => {
    const { entries, stats } = await parseFixture('garbage.log');

    expect(entries.map((e) => e.statement)).toEqual([
      'SELECT 1 FROM products WHERE id = 1',
      'SELECT 1 FROM products WHERE id = 2',
    ]);
    expect(stats.garbageLines).toBe(7);
    expect(stats.lines).toBe(9);
  });

  it("reads RDS's prefix (no milliseconds, client address) and the postgres image's (no user)", async () => {
    const rds = await parseFixture('rds-catalog.log');
    const docker = await parseFixture('docker-orders.log');

    expect(rds.entries.map((e) => [e.timestampMs, e.pid, e.user, e.database])).toEqual([
      [Date.parse('2026-03-02T16:00:00Z'), 3301, 'catalog_app', 'catalog'],
      [Date.parse('2026-03-02T16:00:10Z'), 3301, 'catalog_app', 'catalog'],
    ]);
    expect(rds.entries[1].parameters).toBe("$1 = '100', $2 = '900'");
    expect(rds.stats.otherLines).toBe(1);
    expect(docker.entries.map((e) => [e.pid, e.user, e.database, e.durationMs])).toEqual([
      [88, '', '', 333],
      [89, '', '', 344],
    ]);
  });

  it('reads numeric time zone offsets', () => {
    const entries: SlowLogEntry[] = [];
    const parser = new SlowLogParser((entry) => entries.push(entry));

    parser.pushLine(
      '2026-03-02 12:00:00.5 +02 [1] u@d LOG:  duration: 200.000 ms  statement: SELECT 1',
    );
    parser.pushLine(
      '2026-03-02 12:00:00.250 -05:30 [2] u@d LOG:  duration: 200.000 ms  statement: SELECT 2',
    );
    parser.end();

    expect(entries.map((e) => e.timestampMs)).toEqual([
      Date.parse('2026-03-02T10:00:00.500Z'),
      Date.parse('2026-03-02T17:30:00.250Z'),
    ]);
  });
});
