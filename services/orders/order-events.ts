/**
 * Reading inventory's answer to an order. The SQS body is the EventBridge envelope; both the
 * envelope and its `detail` are validated, and anything that fails is a poison message: the
 * caller must not acknowledge it, so the queue's redrive policy moves it to the DLQ.
 */
import type pg from 'pg';
import {
  eventEnvelopeSchema,
  inventoryReservationFailedSchema,
  inventoryReservedSchema,
} from '../../src/shared/events.ts';
import { DETAIL_TYPE, INVENTORY_EVENT_SOURCE } from '../../src/shared/names.ts';
import { type OrderSettlement, type SettleOutcome, settleOrders } from './settle-orders.ts';

export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}

export interface AppliedOrderEvent {
  orderId: string;
  status: OrderSettlement['status'];
  outcome: SettleOutcome;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new PoisonMessageError('Message body is not JSON');
  }
}

/** What the answer in an SQS body asks of its order; throws PoisonMessageError if it is not one. */
export function parseOrderEvent(body: string): OrderSettlement {
  const envelope = eventEnvelopeSchema.safeParse(parseJson(body));
  if (!envelope.success)
    throw new PoisonMessageError(`Not an EventBridge envelope: ${envelope.error.message}`);
  const event = envelope.data;
  if (event.source !== INVENTORY_EVENT_SOURCE) {
    throw new PoisonMessageError(
      `Unexpected source ${event.source}; expected ${INVENTORY_EVENT_SOURCE}`,
    );
  }

  if (event['detail-type'] === DETAIL_TYPE.inventoryReserved) {
    const detail = inventoryReservedSchema.safeParse(event.detail);
    if (!detail.success)
      throw new PoisonMessageError(`Invalid inventory.reserved detail: ${detail.error.message}`);
    return { orderId: detail.data.orderId, status: 'RESERVED', rejectionReasons: null };
  }
  if (event['detail-type'] === DETAIL_TYPE.inventoryReservationFailed) {
    const detail = inventoryReservationFailedSchema.safeParse(event.detail);
    if (!detail.success) {
      throw new PoisonMessageError(
        `Invalid inventory.reservation_failed detail: ${detail.error.message}`,
      );
    }
    return {
      orderId: detail.data.orderId,
      status: 'REJECTED',
      rejectionReasons: detail.data.reasons,
    };
  }
  throw new PoisonMessageError(`Unexpected detail-type ${event['detail-type']}`);
}

/**
 * Sets RESERVED or REJECTED on a PENDING order; a repeat or late answer changes nothing.
 * An answer for an order this database never had is acknowledged and reported: since an order is
 * committed before its `order.placed` leaves the outbox, it can never appear later.
 */
export async function applyOrderEvent(pool: pg.Pool, body: string): Promise<AppliedOrderEvent> {
  const settlement = parseOrderEvent(body);
  const [outcome] = await settleOrders(pool, [settlement]);
  return { orderId: settlement.orderId, status: settlement.status, outcome };
}
