/**
 * Applying one SQS receive's worth of inventory answers: every body parsed, every valid answer
 * applied in one SQL statement, and an account of which messages may be deleted.
 */
import type { Message } from '@aws-sdk/client-sqs';
import type pg from 'pg';
import { PoisonMessageError, parseOrderEvent } from './order-events.ts';
import { type OrderSettlement, settleOrders } from './settle-orders.ts';

export interface PoisonMessage {
  message: Message;
  reason: string;
}

export interface OrderEventBatchResult {
  /** Applied, repeated, late or about an unknown order: done with, to be deleted. */
  handled: Message[];
  /** Not an answer we can read: to be left on the queue, so it reaches the DLQ. */
  poison: PoisonMessage[];
  settled: number;
  alreadySettled: number;
  unknownOrderIds: string[];
}

/**
 * Poison messages are set aside and the rest applied as if one by one in receive order (the first
 * answer for an order wins). Throws, with nothing applied, when the database fails: then no
 * message of the batch may be deleted.
 */
export async function applyOrderEventBatch(
  pool: pg.Pool,
  messages: readonly Message[],
): Promise<OrderEventBatchResult> {
  const readable: { message: Message; settlement: OrderSettlement }[] = [];
  const poison: PoisonMessage[] = [];
  for (const message of messages) {
    try {
      readable.push({ message, settlement: parseOrderEvent(message.Body ?? '') });
    } catch (err) {
      if (!(err instanceof PoisonMessageError)) throw err;
      poison.push({ message, reason: err.message });
    }
  }

  const result: OrderEventBatchResult = {
    handled: readable.map((entry) => entry.message),
    poison,
    settled: 0,
    alreadySettled: 0,
    unknownOrderIds: [],
  };
  if (readable.length === 0) return result;
  const outcomes = await settleOrders(
    pool,
    readable.map((entry) => entry.settlement),
  );
  outcomes.forEach((outcome, index) => {
    if (outcome === 'settled') result.settled += 1;
    else if (outcome === 'already-settled') result.alreadySettled += 1;
    else result.unknownOrderIds.push(readable[index].settlement.orderId);
  });
  return result;
}
