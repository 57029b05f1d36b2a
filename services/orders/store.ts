/** The orders database: orders, their lines and the outbox, read and written with plain SQL. */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type OrderPlaced, orderPlacedSchema } from '../../src/shared/events.ts';
import { DETAIL_TYPE } from '../../src/shared/names.ts';
import type { CreateOrderInput, Order, OrderStatus } from './schema.ts';

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  total_cents: string;
  rejection_reasons: unknown[] | null;
  created_at: Date;
  updated_at: Date;
  items: { sku: string; quantity: number; unitPriceCents: number }[];
}

const ORDER_COLUMNS = `o.id, o.customer_id, o.status, o.total_cents, o.rejection_reasons, o.created_at, o.updated_at,
  (SELECT json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents)
                   ORDER BY l.line_no)
   FROM order_lines l WHERE l.order_id = o.id) AS items`;

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    totalCents: Number(row.total_cents),
    items: row.items ?? [],
    rejectionReasons: row.rejection_reasons,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * Writes the order, its lines and its `order.placed` outbox row in one transaction: either all
 * three exist or none does, so a committed order always has an event waiting to be published.
 */
export async function insertOrder(
  pool: pg.Pool,
  input: CreateOrderInput,
  nowMs: number,
): Promise<Order> {
  const id = randomUUID();
  const placedAt = new Date(nowMs).toISOString();
  const totalCents = input.items.reduce(
    (sum, line) => sum + line.quantity * line.unitPriceCents,
    0,
  );
  const detail: OrderPlaced = orderPlacedSchema.parse({
    orderId: id,
    customerId: input.customerId,
    items: input.items.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    placedAt,
  });

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO orders (id, customer_id, status, total_cents, created_at, updated_at)
       VALUES ($1, $2, 'PENDING', $3, $4, $4)`,
      [id, input.customerId, totalCents, placedAt],
    );
    await client.query(
      `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents)
       SELECT $1, n, sku, quantity, price
       FROM unnest($2::text[], $3::int[], $4::int[]) WITH ORDINALITY AS t(sku, quantity, price, n)`,
      [
        id,
        input.items.map((line) => line.sku),
        input.items.map((line) => line.quantity),
        input.items.map((line) => line.unitPriceCents),
      ],
    );
    await client.query('INSERT INTO outbox (order_id, detail_type, detail) VALUES ($1, $2, $3)', [
      id,
      DETAIL_TYPE.orderPlaced,
      JSON.stringify(detail),
    ]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return {
    id,
    customerId: input.customerId,
    status: 'PENDING',
    totalCents,
    items: input.items.map((line) => ({ ...line })),
    rejectionReasons: null,
    createdAt: placedAt,
    updatedAt: placedAt,
  };
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The order, or undefined when there is none; `id` must match UUID_PATTERN. */
export async function findOrder(pool: pg.Pool, id: string): Promise<Order | undefined> {
  const result = await pool.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1`,
    [id],
  );
  return result.rows[0] ? toOrder(result.rows[0]) : undefined;
}

/** A customer's orders, newest first; one row more than asked tells whether another page follows. */
export async function listCustomerOrders(
  pool: pg.Pool,
  customerId: string,
  page: number,
  size: number,
): Promise<{ orders: Order[]; hasNext: boolean }> {
  const result = await pool.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.customer_id = $1
     ORDER BY o.created_at DESC, o.id DESC LIMIT $2 OFFSET $3`,
    [customerId, size + 1, (page - 1) * size],
  );
  return { orders: result.rows.slice(0, size).map(toOrder), hasNext: result.rows.length > size };
}
