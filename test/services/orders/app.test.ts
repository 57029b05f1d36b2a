import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomOrderBody } from '../../../loadtests/scenarios/order-create.ts';
import { listCatalogueSkus } from '../../../services/catalog/catalogue.ts';
import { buildOrdersApp } from '../../../services/orders/app.ts';
import { prepareOrdersDatabase } from '../../../services/orders/prepare.ts';
import { orderPlacedSchema } from '../../../src/shared/events.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { usePostgres } from '../../helpers/postgres.ts';

const BODY_LIMIT_BYTES = 8_192;
const postgres = usePostgres(['orders']);
let pool: pg.Pool;
let app: FastifyInstance;
let commits = 0;

beforeAll(async () => {
  await prepareOrdersDatabase(postgres.urls.orders, silentLogger);
  pool = new pg.Pool({ connectionString: postgres.urls.orders, max: 4 });
  pool.on('error', () => {});
  app = buildOrdersApp({
    pool,
    logger: silentLogger,
    instanceId: 'orders-test',
    bodyLimitBytes: BODY_LIMIT_BYTES,
    now: () => Date.parse('2026-03-01T10:00:00.000Z'),
    onOrderCommitted: () => {
      commits += 1;
    },
  });
});

afterAll(async () => {
  await app?.close();
  await pool?.end();
});

beforeEach(async () => {
  await pool.query('TRUNCATE orders, order_lines, outbox');
  commits = 0;
});

async function rowCounts() {
  const result = await pool.query(
    `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM order_lines)::int AS lines,
            (SELECT count(*) FROM outbox)::int AS outbox`,
  );
  return result.rows[0];
}

const validOrder = {
  customerId: 'customer-1',
  items: [
    { sku: 'ELEC-00001', quantity: 2, unitPriceCents: 1999 },
    { sku: 'HOME-00002', quantity: 1, unitPriceCents: 500 },
  ],
};

function post(payload: unknown, contentType = 'application/json') {
  return app.inject({
    method: 'POST',
    url: '/orders',
    headers: { 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

describe('POST /orders', () => {
  it('writes the order, its lines and one order.placed outbox row, and answers 201 PENDING', async () => {
    // Act
    const response = await post(validOrder);

    // Assert
    expect(response.statusCode).toBe(201);
    const order = response.json();
    expect(order).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      customerId: 'customer-1',
      status: 'PENDING',
      totalCents: 2 * 1999 + 500,
      items: validOrder.items,
      rejectionReasons: null,
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(response.headers.location).toBe(`/orders/${order.id}`);
    expect(await rowCounts()).toEqual({ orders: 1, lines: 2, outbox: 1 });
    const outbox = await pool.query('SELECT detail_type, detail, published_at FROM outbox');
    expect(outbox.rows[0].detail_type).toBe('order.placed');
    expect(outbox.rows[0].published_at).toBeNull();
    expect(orderPlacedSchema.parse(outbox.rows[0].detail)).toEqual({
      orderId: order.id,
      customerId: 'customer-1',
      items: [
        { sku: 'ELEC-00001', quantity: 2 },
        { sku: 'HOME-00002', quantity: 1 },
      ],
      placedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(commits).toBe(1);
  });

  const line = validOrder.items[0];
  const invalidBodies: [string, unknown, RegExp][] = [
    ['malformed JSON', '{"customerId": "c1", "items": [', /JSON/],
    ['an empty body', '', /empty|JSON/],
    ['an array body', [validOrder], /expected object/i],
    ['a missing customerId', { items: validOrder.items }, /customerId/],
    ['a numeric customerId', { ...validOrder, customerId: 42 }, /customerId/],
    ['no lines', { ...validOrder, items: [] }, /at least 1/],
    ['items not an array', { ...validOrder, items: 'ELEC-00001' }, /items/],
    [
      'quantity zero',
      { ...validOrder, items: [{ ...line, quantity: 0 }] },
      /quantity must be an integer from 1 to 1000; got 0/,
    ],
    ['quantity negative', { ...validOrder, items: [{ ...line, quantity: -3 }] }, /got -3/],
    ['quantity huge', { ...validOrder, items: [{ ...line, quantity: 1e12 }] }, /got 1000000000000/],
    ['quantity fractional', { ...validOrder, items: [{ ...line, quantity: 1.5 }] }, /got 1.5/],
    ['quantity as a string', { ...validOrder, items: [{ ...line, quantity: '2' }] }, /got "2"/],
    [
      'a price in fractional cents',
      { ...validOrder, items: [{ ...line, unitPriceCents: 19.99 }] },
      /unitPriceCents/,
    ],
    [
      'a negative price',
      { ...validOrder, items: [{ ...line, unitPriceCents: -1 }] },
      /unitPriceCents/,
    ],
    ['a lowercase SKU', { ...validOrder, items: [{ ...line, sku: 'elec-1' }] }, /sku/],
    ['the same SKU twice', { ...validOrder, items: [line, line] }, /appears twice/],
    ['an unknown top-level field', { ...validOrder, status: 'RESERVED' }, /status|unrecognized/i],
    [
      'an unknown line field',
      { ...validOrder, items: [{ ...line, discount: 5 }] },
      /discount|unrecognized/i,
    ],
    [
      'more lines than one reservation holds',
      {
        ...validOrder,
        items: Array.from({ length: 100 }, (_, i) => ({
          sku: `SKU-${i}`,
          quantity: 1,
          unitPriceCents: 1,
        })),
      },
      /at most 99/,
    ],
  ];

  it.each(invalidBodies)(
    'rejects %s with a JSON 400 and writes nothing',
    async (_name, body, message) => {
      // Act
      const response = await post(body);

      // Assert
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(error.code);
      expect(error.message + JSON.stringify(error.details ?? '')).toMatch(message);
      expect(await rowCounts()).toEqual({ orders: 0, lines: 0, outbox: 0 });
      expect(commits).toBe(0);
    },
  );

  it('accepts every body the order-create load scenario sends', async () => {
    // Arrange: the scenario's own generator, seeded, over the whole catalogue.
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const bodies = Array.from({ length: 40 }, () =>
      randomOrderBody(listCatalogueSkus(), 1000, random),
    );

    // Act
    const statuses = [];
    for (const body of bodies) statuses.push((await post(body)).statusCode);

    // Assert
    expect(statuses).toEqual(bodies.map(() => 201));
    expect((await rowCounts()).orders).toBe(40);
  });

  it('rejects a body over the limit with a JSON 413 and writes nothing', async () => {
    const response = await post({ ...validOrder, customerId: 'x'.repeat(BODY_LIMIT_BYTES) });

    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await rowCounts()).toEqual({ orders: 0, lines: 0, outbox: 0 });
  });

  it('rejects a body that is not JSON with a JSON 415 and writes nothing', async () => {
    const response = await post('customerId=c1', 'application/x-www-form-urlencoded');

    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await rowCounts()).toEqual({ orders: 0, lines: 0, outbox: 0 });
  });
});

describe('GET /orders/:id', () => {
  it('returns the order as it was stored', async () => {
    const created = (await post(validOrder)).json();

    const response = await app.inject({ url: `/orders/${created.id}` });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(created);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await app.inject({ url: '/orders/00000000-0000-4000-8000-000000000000' });
    const malformed = await app.inject({ url: '/orders/123' });

    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('INVALID_ID');
  });
});

describe('GET /orders?customerId=', () => {
  it("pages one customer's orders, newest first", async () => {
    let tick = 0;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = (await post(validOrder)).json();
      ids.push(created.id);
      // Distinct creation times so "newest first" is well defined.
      await pool.query(
        `UPDATE orders SET created_at = created_at + $2 * interval '1 second' WHERE id = $1`,
        [created.id, tick++],
      );
    }
    await post({ ...validOrder, customerId: 'someone-else' });

    const first = (await app.inject({ url: '/orders?customerId=customer-1&size=2' })).json();
    const third = (await app.inject({ url: '/orders?customerId=customer-1&size=2&page=3' })).json();

    expect(first.items.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]]);
    expect(first.page).toEqual({ page: 1, size: 2, hasNext: true });
    expect(third.items.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
    expect(third.page.hasNext).toBe(false);
  });

  it('requires a valid customerId and caps the size', async () => {
    const missing = await app.inject({ url: '/orders' });
    const capped = (await app.inject({ url: '/orders?customerId=c1&size=1000' })).json();

    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/customerId/);
    expect(capped.page.size).toBe(50);
  });
});
