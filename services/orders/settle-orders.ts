/**
 * Settling orders with inventory's answers: PENDING becomes RESERVED or REJECTED, a whole batch
 * of answers in one SQL statement.
 */
import type pg from 'pg';
import type { OrderStatus } from './schema.ts';
import { UUID_PATTERN } from './store.ts';

export interface OrderSettlement {
  orderId: string;
  status: Exclude<OrderStatus, 'PENDING'>;
  rejectionReasons: unknown[] | null;
}

export type SettleOutcome = 'settled' | 'already-settled' | 'unknown-order';

/**
 * `pending` locks the PENDING rows in id order before `settled` changes them: two replicas
 * settling overlapping batches (a redelivery) then wait for each other instead of deadlocking,
 * and the one that waited sees the row no longer PENDING and leaves it alone. The final SELECT
 * reads the statement's snapshot, taken before the update, so it lists every order that exists.
 */
const SETTLE_SQL = `
WITH pending AS MATERIALIZED (
  SELECT o.id FROM orders o
  WHERE o.id = ANY($1::uuid[]) AND o.status = 'PENDING'
  ORDER BY o.id
  FOR UPDATE
),
settled AS (
  UPDATE orders o
  SET status = a.status, rejection_reasons = a.rejection_reasons, updated_at = now()
  FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS a(order_id, status, rejection_reasons)
  JOIN pending p ON p.id = a.order_id
  WHERE o.id = a.order_id AND o.status = 'PENDING'
  RETURNING o.id
)
SELECT o.id, EXISTS (SELECT 1 FROM settled s WHERE s.id = o.id) AS settled
FROM orders o
WHERE o.id = ANY($1::uuid[])`;

/**
 * Applies answers as if one by one, in list order, in a single statement; one outcome per answer.
 * Only PENDING moves, so the first answer for an order wins and a repeat or a late answer (in this
 * list or in an earlier one) changes nothing. An order id this database does not have, or that
 * is not a UUID (so it cannot be one of ours), is 'unknown-order'.
 */
export async function settleOrders(
  pool: pg.Pool,
  settlements: readonly OrderSettlement[],
): Promise<SettleOutcome[]> {
  // The uuid type is case-insensitive; compare ids the way PostgreSQL prints them.
  const ids = settlements.map((s) => (UUID_PATTERN.test(s.orderId) ? s.orderId.toLowerCase() : ''));
  const firstAnswerIndex = new Map<string, number>();
  ids.forEach((id, index) => {
    if (id && !firstAnswerIndex.has(id)) firstAnswerIndex.set(id, index);
  });
  if (firstAnswerIndex.size === 0) return settlements.map(() => 'unknown-order');

  const firstAnswers = [...firstAnswerIndex.values()].map((index) => settlements[index]);
  const result = await pool.query<{ id: string; settled: boolean }>(SETTLE_SQL, [
    [...firstAnswerIndex.keys()],
    firstAnswers.map((s) => s.status),
    firstAnswers.map((s) =>
      s.rejectionReasons === null ? null : JSON.stringify(s.rejectionReasons),
    ),
  ]);
  const settledById = new Map(result.rows.map((row) => [row.id, row.settled]));

  return ids.map((id, index): SettleOutcome => {
    const settled = id ? settledById.get(id) : undefined;
    if (settled === undefined) return 'unknown-order';
    return settled && firstAnswerIndex.get(id) === index ? 'settled' : 'already-settled';
  });
}
