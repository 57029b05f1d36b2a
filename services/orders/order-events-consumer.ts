/**
 * Polls the order-events queue with sqs-consumer and applies each message to its order. A
 * message is deleted only after it was applied; poison messages and database failures leave it
 * on the queue (poison ones reach the DLQ after the queue's maxReceiveCount).
 *
 * Start never throws: until the queue can be found (the stack may not be deployed yet) it keeps
 * looking, and stop() ends that too.
 */
import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type pg from 'pg';
import { Consumer } from 'sqs-consumer';
import type { Logger } from '../../src/shared/logger.ts';
import { ORDER_EVENTS_QUEUE_NAME } from '../../src/shared/names.ts';
import { applyOrderEvent, PoisonMessageError } from './order-events.ts';

export type ConsumerState = 'idle' | 'resolving-queue' | 'polling' | 'stopped';

export interface OrderEventsConsumerOptions {
  sqs: SQSClient;
  pool: pg.Pool;
  logger: Logger;
  /** Skips the GetQueueUrl lookup. */
  queueUrl?: string;
  /** @default ORDER_EVENTS_QUEUE_NAME */
  queueName?: string;
  /** Long-poll wait. @default 20 */
  waitTimeSeconds?: number;
  /** Pause between attempts to find the queue. @default 2000 */
  queueLookupIntervalMs?: number;
}

export class OrderEventsConsumer {
  private currentState: ConsumerState = 'idle';
  private consumer: Consumer | undefined;
  private lookupTimer: NodeJS.Timeout | undefined;
  readonly stats = { applied: 0, duplicates: 0, unknownOrders: 0, poison: 0, failures: 0 };

  constructor(private readonly options: OrderEventsConsumerOptions) {}

  get state(): ConsumerState {
    return this.currentState;
  }

  start(): void {
    if (this.currentState !== 'idle') return;
    this.currentState = 'resolving-queue';
    void this.resolveAndPoll();
  }

  async stop(): Promise<void> {
    const wasPolling = this.currentState === 'polling';
    this.currentState = 'stopped';
    clearTimeout(this.lookupTimer);
    if (!wasPolling || !this.consumer) return;
    const consumer = this.consumer;
    await new Promise<void>((resolve) => {
      consumer.once('stopped', () => resolve());
      // Lets a message in hand finish (and be deleted) rather than return to the queue.
      consumer.stop({ abort: true });
    });
  }

  private async resolveAndPoll(): Promise<void> {
    const { options } = this;
    let queueUrl = options.queueUrl;
    while (!queueUrl && this.currentState === 'resolving-queue') {
      try {
        const answer = await options.sqs.send(
          new GetQueueUrlCommand({ QueueName: options.queueName ?? ORDER_EVENTS_QUEUE_NAME }),
        );
        queueUrl = answer.QueueUrl;
      } catch (err) {
        options.logger.warn(
          { err, queue: options.queueName ?? ORDER_EVENTS_QUEUE_NAME },
          'order-events queue not found yet',
        );
        await new Promise((resolve) => {
          this.lookupTimer = setTimeout(resolve, options.queueLookupIntervalMs ?? 2_000);
        });
      }
    }
    if (!queueUrl || this.currentState !== 'resolving-queue') return;

    this.consumer = Consumer.create({
      queueUrl,
      sqs: options.sqs,
      batchSize: 10,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      handleMessage: async (message) => {
        const result = await applyOrderEvent(options.pool, message.Body ?? '');
        if (result.outcome === 'settled') this.stats.applied += 1;
        else if (result.outcome === 'already-settled') this.stats.duplicates += 1;
        else {
          this.stats.unknownOrders += 1;
          options.logger.warn(
            { messageId: message.MessageId, orderId: result.orderId },
            'event for an unknown order; ignored',
          );
        }
        return message;
      },
    });
    this.consumer.on('processing_error', (err, message) => {
      const messageId = Array.isArray(message)
        ? message.map((m) => m.MessageId)
        : message?.MessageId;
      if (
        err instanceof PoisonMessageError ||
        (err as { cause?: unknown }).cause instanceof PoisonMessageError
      ) {
        this.stats.poison += 1;
        options.logger.warn({ messageId, reason: err.message }, 'poison message left for the DLQ');
      } else {
        this.stats.failures += 1;
        options.logger.warn({ messageId, err }, 'order event not applied; it will be redelivered');
      }
    });
    this.consumer.on('error', (err) => {
      // stop() aborts the long poll in flight; that abort is not a failure.
      if (this.currentState !== 'stopped')
        options.logger.warn({ err }, 'order-events polling failed');
    });
    this.consumer.start();
    this.currentState = 'polling';
    options.logger.info({ queueUrl }, 'consuming order events');
  }
}
