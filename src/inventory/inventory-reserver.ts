/**
 * The reservation core shared by the inventory Lambda and the worker: takes one parsed request,
 * reserves stock (or rejects, or recognises a repeat), and publishes the outcome event.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Logger } from '../shared/logger.ts';
import { checkOrderLines } from './check-lines.ts';
import { ReservationConflictError } from './errors.ts';
import { backoffDelayMs, MAX_TRANSACTION_ATTEMPTS, sleep } from './limits.ts';
import { failedOutcome, type ReservationOutcome, reservedOutcome } from './outcome.ts';
import { OutcomePublisher } from './outcome-publisher.ts';
import type { InventoryRequest, ReceivedOrder } from './parse-request.ts';
import { ReservationStore } from './reservation-store.ts';

export interface InventoryReserverOptions {
  dynamodb: DynamoDBClient;
  eventBridge: EventBridgeClient;
  tableName: string;
  busName: string;
  logger: Logger;
  /** Milliseconds since epoch. */
  now?: () => number;
}

export type InventoryAnswer =
  | { kind: 'health'; status: 'ok' }
  | {
      kind: 'order';
      orderId: string;
      /** True when this order had been answered before and the stored outcome was sent again. */
      repeat: boolean;
      outcome: ReservationOutcome;
    };

export class InventoryReserver {
  private readonly store: ReservationStore;
  private readonly publisher: OutcomePublisher;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(options: InventoryReserverOptions) {
    this.store = new ReservationStore(options.dynamodb, options.tableName);
    this.publisher = new OutcomePublisher(options.eventBridge, options.busName, options.logger);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  async handle(request: InventoryRequest): Promise<InventoryAnswer> {
    if (request.kind === 'health') return { kind: 'health', status: 'ok' };

    const { outcome, repeat } = await this.decide(request.order);
    await this.publisher.publish(outcome);
    this.logger.info(
      {
        orderId: request.order.orderId,
        eventId: request.eventId,
        detailType: outcome.detailType,
        repeat,
      },
      'order answered',
    );
    return { kind: 'order', orderId: request.order.orderId, repeat, outcome };
  }

  private async decide(
    order: ReceivedOrder,
  ): Promise<{ outcome: ReservationOutcome; repeat: boolean }> {
    const at = new Date(this.now()).toISOString();
    const check = checkOrderLines(order.items);
    if (!check.ok)
      return this.reject(order.orderId, failedOutcome(order.orderId, check.reasons, at), at);

    const reserved = reservedOutcome(order.orderId, check.lines, at);
    for (let attempt = 0; attempt < MAX_TRANSACTION_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(backoffDelayMs(attempt));
      const result = await this.store.reserve(order.orderId, check.lines, reserved, at);
      switch (result.kind) {
        case 'reserved':
          return { outcome: reserved, repeat: false };
        case 'repeat':
          return { outcome: result.outcome, repeat: true };
        case 'rejected':
          return this.reject(order.orderId, failedOutcome(order.orderId, result.reasons, at), at);
        case 'conflict':
          this.logger.debug({ orderId: order.orderId, attempt }, 'transaction conflict, retrying');
      }
    }
    throw new ReservationConflictError(order.orderId, MAX_TRANSACTION_ATTEMPTS);
  }

  /** Records the rejection so repeats answer the same; a concurrent first answer wins. */
  private async reject(
    orderId: string,
    rejection: ReservationOutcome,
    at: string,
  ): Promise<{ outcome: ReservationOutcome; repeat: boolean }> {
    const stored = await this.store.recordOutcome(orderId, rejection, at);
    return { outcome: stored, repeat: stored !== rejection };
  }
}
