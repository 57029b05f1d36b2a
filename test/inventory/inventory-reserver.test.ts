import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PoisonMessageError,
  parseInventoryMessageBody,
  parseInventoryRequest,
} from '../../src/inventory/index.ts';
import { MAX_QUANTITY_PER_LINE } from '../../src/inventory/limits.ts';
import { DETAIL_TYPE, MAX_LINES_PER_ORDER } from '../../src/shared/names.ts';
import { useLocalCloud } from '../helpers/cloud.ts';
import {
  createInventoryResources,
  type InventoryResources,
  orderPlacedEvent,
  readReservation,
  readStock,
  receiveOutcomes,
  seedStock,
} from './inventory-fixture.ts';

const cloud = useLocalCloud();
let resources: InventoryResources;

beforeAll(async () => {
  resources = await createInventoryResources(cloud);
});

const uniqueSku = (name: string) => `${name}-${randomUUID().slice(0, 8)}`.toUpperCase();

function placeOrder(orderId: string, items: Array<{ sku: string; quantity: number }>) {
  return resources.reserver.handle(parseInventoryRequest(orderPlacedEvent(orderId, items)));
}

describe('inventory reservation core', () => {
  it('reserves exactly the stock there is for 64 concurrent orders of one SKU, never going negative', async () => {
    // Arrange
    const sku = uniqueSku('hot');
    await seedStock(resources, sku, 10);
    const samples: number[] = [];
    let running = true;
    const sampler = (async () => {
      while (running) samples.push((await readStock(resources, sku)).stock);
    })();

    // Act
    const answers = await Promise.all(
      Array.from({ length: 64 }, (_, i) => placeOrder(`hot-${sku}-${i}`, [{ sku, quantity: 1 }])),
    );
    running = false;
    await sampler;

    // Assert
    const outcomes = answers.map((a) => (a.kind === 'order' ? a.outcome : undefined));
    const reserved = outcomes.filter((o) => o?.detailType === DETAIL_TYPE.inventoryReserved);
    const failed = outcomes.filter((o) => o?.detailType === DETAIL_TYPE.inventoryReservationFailed);
    expect(reserved).toHaveLength(10);
    expect(failed).toHaveLength(54);
    for (const outcome of failed) {
      expect(outcome?.detail).toMatchObject({
        reasons: [{ sku, reason: 'INSUFFICIENT_STOCK', requested: 1 }],
      });
    }
    const after = await readStock(resources, sku);
    expect(after).toEqual({ stock: 0, reserved: 10 });
    expect(after.stock + after.reserved).toBe(10);
    expect(samples.length).toBeGreaterThan(0);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    const events = await receiveOutcomes(resources, 64);
    expect(events.filter((e) => e.detail.orderId.startsWith(`hot-${sku}`))).toHaveLength(64);
  });

  it('answers the same order.placed three times with one reservation and the same outcome event', async () => {
    // Arrange
    const sku = uniqueSku('repeat');
    await seedStock(resources, sku, 5);
    const event = orderPlacedEvent(`repeat-${sku}`, [{ sku, quantity: 2 }]);

    // Act
    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push(await resources.reserver.handle(parseInventoryRequest(event)));

    // Assert
    expect(await readStock(resources, sku)).toEqual({ stock: 3, reserved: 2 });
    expect(answers.map((a) => a.kind === 'order' && a.repeat)).toEqual([false, true, true]);
    const outcomes = answers.map((a) => (a.kind === 'order' ? a.outcome : undefined));
    expect(outcomes[0]?.detailType).toBe(DETAIL_TYPE.inventoryReserved);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
    const events = (await receiveOutcomes(resources, 3)).filter(
      (e) => e.detail.orderId === event.detail.orderId,
    );
    expect(events).toHaveLength(3);
    for (const e of events) expect(e.detail).toEqual(outcomes[0]?.detail);
  });

  it('reserves once when the same order arrives three times at once', async () => {
    const sku = uniqueSku('race');
    await seedStock(resources, sku, 5);
    const event = orderPlacedEvent(`race-${sku}`, [{ sku, quantity: 1 }]);

    const answers = await Promise.all(
      [1, 2, 3].map(() => resources.reserver.handle(parseInventoryRequest(event))),
    );

    expect(await readStock(resources, sku)).toEqual({ stock: 4, reserved: 1 });
    const details = answers.map((a) => (a.kind === 'order' ? JSON.stringify(a.outcome) : ''));
    expect(new Set(details).size).toBe(1);
    await receiveOutcomes(resources, 3);
  });

  it('reserves nothing when one item of three is short, and names that item', async () => {
    // Arrange
    const [a, b, c] = ['a', 'b', 'c'].map((name) => uniqueSku(`three-${name}`));
    await seedStock(resources, a, 5);
    await seedStock(resources, b, 1);
    await seedStock(resources, c, 5);

    // Act
    const answer = await placeOrder(`three-${a}`, [
      { sku: a, quantity: 2 },
      { sku: b, quantity: 3 },
      { sku: c, quantity: 2 },
    ]);

    // Assert
    expect(answer.kind === 'order' && answer.outcome.detailType).toBe(
      DETAIL_TYPE.inventoryReservationFailed,
    );
    expect(answer.kind === 'order' && answer.outcome.detail).toMatchObject({
      reasons: [{ sku: b, reason: 'INSUFFICIENT_STOCK', requested: 3, available: 1 }],
    });
    expect(await readStock(resources, a)).toEqual({ stock: 5, reserved: 0 });
    expect(await readStock(resources, b)).toEqual({ stock: 1, reserved: 0 });
    expect(await readStock(resources, c)).toEqual({ stock: 5, reserved: 0 });
    const [event] = (await receiveOutcomes(resources, 1)).filter(
      (e) => e.detail.orderId === `three-${a}`,
    );
    expect(event['detail-type']).toBe(DETAIL_TYPE.inventoryReservationFailed);
  });

  it('records a rejection so a repeat answers the same even after stock arrives', async () => {
    const sku = uniqueSku('later');
    await seedStock(resources, sku, 0);
    const event = orderPlacedEvent(`later-${sku}`, [{ sku, quantity: 1 }]);
    const first = await resources.reserver.handle(parseInventoryRequest(event));

    await seedStock(resources, sku, 10);
    const second = await resources.reserver.handle(parseInventoryRequest(event));

    expect(second.kind === 'order' && second.outcome).toEqual(
      first.kind === 'order' && first.outcome,
    );
    expect(await readStock(resources, sku)).toEqual({ stock: 10, reserved: 0 });
    expect((await readReservation(resources, `later-${sku}`))?.status?.S).toBe(
      DETAIL_TYPE.inventoryReservationFailed,
    );
    await receiveOutcomes(resources, 2);
  });

  it('names unknown SKUs and invalid quantities, and touches no stock for them', async () => {
    const known = uniqueSku('known');
    const missing = uniqueSku('missing');
    await seedStock(resources, known, 5);

    const unknown = await placeOrder(`unknown-${known}`, [
      { sku: known, quantity: 1 },
      { sku: missing, quantity: 1 },
    ]);
    const invalid = await placeOrder(`invalid-${known}`, [
      { sku: known, quantity: 0 },
      { sku: missing, quantity: 1.5 },
      { sku: 'X1', quantity: MAX_QUANTITY_PER_LINE + 1 },
    ]);

    expect(unknown.kind === 'order' && unknown.outcome.detail).toMatchObject({
      reasons: [{ sku: missing, reason: 'UNKNOWN_SKU', requested: 1 }],
    });
    expect(invalid.kind === 'order' && invalid.outcome.detail).toMatchObject({
      reasons: [
        { sku: known, reason: 'INVALID_QUANTITY', requested: 0 },
        { sku: missing, reason: 'INVALID_QUANTITY', requested: 1.5 },
        { sku: 'X1', reason: 'INVALID_QUANTITY', requested: MAX_QUANTITY_PER_LINE + 1 },
      ],
    });
    expect(await readStock(resources, known)).toEqual({ stock: 5, reserved: 0 });
    await receiveOutcomes(resources, 2);
  });

  it('rejects more lines than one transaction holds, and merges lines of the same SKU', async () => {
    const sku = uniqueSku('merge');
    await seedStock(resources, sku, 10);
    const tooMany = Array.from({ length: MAX_LINES_PER_ORDER + 1 }, (_, i) => ({
      sku: `L${i}`,
      quantity: 1,
    }));

    const rejected = await placeOrder(`lines-${sku}`, tooMany);
    const merged = await placeOrder(`merge-${sku}`, [
      { sku, quantity: 2 },
      { sku, quantity: 3 },
    ]);

    expect(rejected.kind === 'order' && rejected.outcome.detail).toMatchObject({
      reasons: [
        {
          reason: 'TOO_MANY_LINES',
          requested: MAX_LINES_PER_ORDER + 1,
          available: MAX_LINES_PER_ORDER,
        },
      ],
    });
    expect(merged.kind === 'order' && merged.outcome.detail).toMatchObject({
      items: [{ sku, quantity: 5 }],
    });
    expect(await readStock(resources, sku)).toEqual({ stock: 5, reserved: 5 });
    await receiveOutcomes(resources, 2);
  });

  it('answers a health check without touching stock or publishing', async () => {
    const sku = uniqueSku('health');
    await seedStock(resources, sku, 3);

    const byPayload = await resources.reserver.handle(parseInventoryRequest({ healthCheck: true }));
    const byEvent = await resources.reserver.handle(
      parseInventoryRequest({
        ...orderPlacedEvent('h', []),
        'detail-type': 'inventory.health_check',
        detail: {},
      }),
    );

    expect(byPayload).toEqual({ kind: 'health', status: 'ok' });
    expect(byEvent).toEqual({ kind: 'health', status: 'ok' });
    expect(await readStock(resources, sku)).toEqual({ stock: 3, reserved: 0 });
    expect(await receiveOutcomes(resources, 1, 1500)).toEqual([]);
  });

  it('treats bodies that are not JSON or fail the schema as poison', () => {
    expect(() => parseInventoryMessageBody('not json')).toThrow(PoisonMessageError);
    expect(() => parseInventoryMessageBody(JSON.stringify({ hello: 'world' }))).toThrow(
      PoisonMessageError,
    );
    const noItems = {
      ...orderPlacedEvent('o', []),
      detail: { orderId: 'o', customerId: 'c', items: [], placedAt: 'x' },
    };
    expect(() => parseInventoryRequest(noItems)).toThrow(/Invalid order.placed detail/);
    expect(() =>
      parseInventoryRequest({
        ...orderPlacedEvent('o', [{ sku: 'A', quantity: 1 }]),
        'detail-type': 'x',
      }),
    ).toThrow('Expected detail-type order.placed, got "x"');
  });
});
