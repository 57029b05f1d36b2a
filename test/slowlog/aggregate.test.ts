import { beforeAll, describe, expect, it } from 'vitest';
import { SlowLogAggregator } from '../../src/slowlog/aggregate.ts';
import { StatementNormalizer } from '../../src/slowlog/normalize.ts';
import { serviceFromName } from '../../src/slowlog/services.ts';
import type { SlowLogEntry } from '../../src/slowlog/types.ts';
import { parseFixture } from './fixture-lines.ts';

async function aggregateFixtures(
  names: string[],
  filters: ConstructorParameters<typeof SlowLogAggregator>[1] = {},
): Promise<SlowLogAggregator> {
  const aggregator = new SlowLogAggregator(await StatementNormalizer.create(), filters);
  for (const name of names) {
    const { entries } = await parseFixture(name);
    for (const entry of entries) aggregator.add(entry, serviceFromName(entry.database) ?? 'other');
  }
  return aggregator;
}

describe('SlowLogAggregator', () => {
  let all: SlowLogAggregator;
  beforeAll(async () => {
    all = await aggregateFixtures([
      'simple.log',
      'extended.log',
      'multiline.log',
      'interleaved.log',
    ]);
  });

  it('groups one statement shape per service with count, total, mean input, max and last seen', () => {
    const catalog = all.topGroups('catalog', 10);
    const likeName = catalog.find((g) => g.example.includes('lower(name) LIKE'));

    expect(likeName).toMatchObject({
      count: 3,
      totalMs: 250.125 + 310.5 + 1200,
      maxMs: 1200,
      lastSeenMs: Date.parse('2026-03-02T10:00:04.750Z'),
      example:
        'SELECT id, name, price_cents FROM products WHERE lower(name) LIKE $1 ORDER BY id LIMIT $2',
      databases: ['catalog'],
      simpleCount: 3,
      extendedCount: 0,
    });
  });

  it('groups a multi-line statement with its one-line twin', () => {
    const ilike = all.topGroups('catalog', 10).find((g) => g.example.includes('ILIKE'));

    expect(ilike?.count).toBe(2);
    expect(ilike?.totalMs).toBe(800);
  });

  it('keeps parse and bind timings apart from executions of the same statement', () => {
    const orders = all.topGroups('orders', 10);
    const byCustomer = orders.filter((g) => g.example.includes('customer_id = $1 ORDER BY'));

    expect(byCustomer.map((g) => [g.phase, g.count]).sort()).toEqual([
      ['bind', 1],
      ['execute', 2],
      ['parse', 1],
    ]);
  });

  it('never shows parameter values or literals in the example', () => {
    const examples = [...all.topGroups('catalog', 50), ...all.topGroups('orders', 50)].map(
      (g) => g.example,
    );

    for (const secret of ['cust-0001', 'lamp', 'chair', 'c-17', 'oak', '5000']) {
      expect(examples.join('\n')).not.toContain(secret);
    }
  });

  it('orders by total time and cuts at top N', () => {
    const top2 = all.topGroups('catalog', 2);

    expect(top2).toHaveLength(2);
    expect(top2[0].totalMs).toBeGreaterThanOrEqual(top2[1].totalMs);
    expect(top2[0].example).toContain('lower(name) LIKE');
  });

  it('applies --since and --min-ms before grouping', async () => {
    const filtered = await aggregateFixtures(['simple.log'], {
      sinceMs: Date.parse('2026-03-02T10:00:02.000Z'),
      minDurationMs: 300,
    });
    const groups = filtered.topGroups('catalog', 10);

    expect(groups).toHaveLength(1);
    expect(groups[0].count).toBe(2);
    expect(filtered.topGroups('orders', 10)).toHaveLength(0);
    expect(filtered.skippedByFilters).toBe(2);
  });

  it('puts databases of no known service under other', async () => {
    const aggregator = new SlowLogAggregator(await StatementNormalizer.create());
    const entry: SlowLogEntry = {
      timestampMs: 0,
      pid: 1,
      user: 'postgres',
      database: 'postgres',
      durationMs: 300,
      phase: 'execute',
      protocol: 'simple',
      statement: 'VACUUM',
    };

    aggregator.add(entry, serviceFromName(entry.database) ?? 'other');

    expect(aggregator.servicesSeen()).toEqual(['other']);
  });
});
