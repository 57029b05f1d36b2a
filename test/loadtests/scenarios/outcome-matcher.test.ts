import { describe, expect, it } from 'vitest';
import {
  freshOrderPlaced,
  orderPlacedEnvelope,
} from '../../../loadtests/scenarios/order-placed.ts';
import { OutcomeMatcher } from '../../../loadtests/scenarios/outcome-matcher.ts';
import { randomOrderLines } from '../../../loadtests/scenarios/skus.ts';
import { listCatalogueSkus } from '../../../services/catalog/catalogue.ts';

const CATALOGUE_SKUS = listCatalogueSkus();

import { orderPlacedSchema } from '../../../src/shared/events.ts';

const envelope = (detailType: string, detail: unknown) =>
  JSON.stringify({ 'detail-type': detailType, detail });

describe('OutcomeMatcher', () => {
  it('resolves a waiting order with reserved, and counts a second delivery as duplicated', async () => {
    const matcher = new OutcomeMatcher();
    const outcome = matcher.waitFor('o-1', new AbortController().signal);

    matcher.observe(envelope('inventory.reserved', { orderId: 'o-1' }));
    matcher.observe(envelope('inventory.reserved', { orderId: 'o-1' }));

    await expect(outcome).resolves.toEqual({ ok: true, label: 'reserved' });
    expect(matcher.counters()).toMatchObject({ observed: 1, duplicated: 1, foreign: 0 });
  });

  it('labels a rejection with its first reason', async () => {
    const matcher = new OutcomeMatcher();
    const outcome = matcher.waitFor('o-2', new AbortController().signal);

    matcher.observe(
      envelope('inventory.reservation_failed', {
        orderId: 'o-2',
        reasons: [{ reason: 'INSUFFICIENT_STOCK' }],
      }),
    );

    await expect(outcome).resolves.toEqual({ ok: true, label: 'rejected:INSUFFICIENT_STOCK' });
  });

  it('times out when aborted, then counts the late outcome apart, and ignores foreign orders', async () => {
    const matcher = new OutcomeMatcher();
    const timeout = new AbortController();
    const outcome = matcher.waitFor('o-3', timeout.signal);

    timeout.abort();
    matcher.observe(envelope('inventory.reserved', { orderId: 'o-3' }));
    matcher.observe(envelope('inventory.reserved', { orderId: 'someone-else' }));
    matcher.observe('not json');

    await expect(outcome).resolves.toEqual({ ok: false, kind: 'timeout' });
    expect(matcher.counters()).toMatchObject({
      observed: 0,
      lateObserved: 1,
      foreign: 1,
      unreadable: 1,
    });
  });
});

describe('order.placed for the inventory scenarios', () => {
  it('builds a schema-valid event with 1 to 5 distinct lines and a fresh orderId', () => {
    const a = freshOrderPlaced(CATALOGUE_SKUS);
    const b = freshOrderPlaced(CATALOGUE_SKUS);

    expect(orderPlacedSchema.safeParse(a).success).toBe(true);
    expect(a.orderId).not.toBe(b.orderId);
    const envelope = orderPlacedEnvelope(a, 'us-east-1');
    expect(envelope).toMatchObject({
      source: 'novamart.orders',
      'detail-type': 'order.placed',
      detail: a,
    });
    for (let i = 0; i < 50; i++) {
      const lines = randomOrderLines(CATALOGUE_SKUS);
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(5);
      expect(new Set(lines.map((l) => l.sku)).size).toBe(lines.length);
    }
  });
});
