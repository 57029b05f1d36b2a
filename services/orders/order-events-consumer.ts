/**
 * Polls the order-events queue with sqs-consumer and applies inventory's answers to their orders,
 * a receive's batch (up to 10) at a time: one SQL statement and one DeleteMessageBatch per batch.
 * A message is deleted only after it was applied; poison messages and database failures leave it
 * on the queue (poison ones reach the DLQ after the queue's maxReceiveCount).
 *
 * Start never throws: until the queue can be found (the stack may not be deployed yet) it keeps
 * looking, and stop() ends that too.
 */
import { GetQueueUrlCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type pg from 'pg';
import { Consumer } from 'sqs-consumer';
import type { Logger } from '../../src/shared/logger.ts';
import { ORDER_EVENTS_QUEUE_NAME } from '../../src/shared/names.ts';
import { applyOrderEventBatch } from './order-events-batch.ts';
import { ReceivePacer } from './receive-pacer.ts';

export type ConsumerState = 'idle' | 'resolving-queue' | 'polling' | 'stopped';

/** ReceiveMessage returns at most 10 messages. */
const MAX_BATCH_SIZE = 10;

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
  /**
   * Pause before receiving again after a partial batch, so answers gather (see ReceivePacer):
   * the most it delays an answer under load; 0 receives again at once. @default 100
   */
  batchWindowMs?: number;
  /** Pause between attempts to find the queue. @default 2000 */
  queueLookupIntervalMs?: number;
  /** Least time between two warnings about answers for unknown orders. @default 60000 */
  unknownOrderReportIntervalMs?: number;
}

export class OrderEventsConsumer {
  private currentState: ConsumerState = 'idle';
  private consumer: Consumer | undefined;
  private lookupTimer: NodeJS.Timeout | undefined;
  private readonly pacer: ReceivePacer;
  /** Settles when the batch being handled has been deleted (or failed to be). */
  private batchInHand: Promise<void> = Promise.resolve();
  private unknownOrdersUnreported = 0;
  private unknownOrdersReportedAt = Number.NEGATIVE_INFINITY;
  readonly stats = { applied: 0, duplicates: 0, unknownOrders: 0, poison: 0, failures: 0 };

  constructor(private readonly options: OrderEventsConsumerOptions) {
    this.pacer = new ReceivePacer(options.batchWindowMs ?? 100, MAX_BATCH_SIZE);
  }

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
    this.pacer.cancel();
    if (!wasPolling || !this.consumer) return;
    const consumer = this.consumer;
    // Lets the batch in hand be applied and deleted rather than come back after the visibility
    // timeout; the abort below would fail its DeleteMessageBatch.
    await this.batchInHand;
    await new Promise<void>((resolve) => {
      consumer.once('stopped', () => resolve());
      // Ends the long poll in flight at once.
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

    const consumer = Consumer.create({
      queueUrl,
      sqs: options.sqs,
      batchSize: MAX_BATCH_SIZE,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      preReceiveMessageCallback: async () => {
        await this.pacer.beforeReceive();
        // A receive sent now would take messages this consumer will never handle.
        if (this.currentState === 'stopped') throw new Error('order-events consumer stopped');
      },
      // sqs-consumer deletes the messages this returns, with one DeleteMessageBatch.
      handleMessageBatch: (messages) => {
        this.batchInHand = new Promise((resolve) => {
          consumer.once('response_processed', () => resolve());
        });
        this.pacer.noteBatch(messages.length);
        return this.handleBatch(messages);
      },
    });
    consumer.on('error', (err) => {
      // stop() aborts the long poll in flight; that abort is not a failure.
      if (this.currentState !== 'stopped')
        options.logger.warn({ err }, 'order-events queue call failed');
    });
    this.consumer = consumer;
    consumer.start();
    this.currentState = 'polling';
    options.logger.info({ queueUrl }, 'consuming order events');
  }

  /** The messages to delete. Never throws: a failed batch is logged, counted and redelivered. */
  private async handleBatch(messages: Message[]): Promise<Message[]> {
    const { logger, pool } = this.options;
    try {
      const result = await applyOrderEventBatch(pool, messages);
      this.stats.applied += result.settled;
      this.stats.duplicates += result.alreadySettled;
      this.stats.poison += result.poison.length;
      for (const { message, reason } of result.poison)
        logger.warn({ messageId: message.MessageId, reason }, 'poison message left for the DLQ');
      if (result.unknownOrderIds.length > 0) this.reportUnknownOrders(result.unknownOrderIds);
      logger.debug(
        {
          received: messages.length,
          settled: result.settled,
          alreadySettled: result.alreadySettled,
          unknownOrders: result.unknownOrderIds.length,
          poison: result.poison.length,
        },
        'order events applied',
      );
      return result.handled;
    } catch (err) {
      this.stats.failures += messages.length;
      logger.warn(
        { messageIds: messages.map((m) => m.MessageId), err },
        'order events not applied; they will be redelivered',
      );
      return [];
    }
  }

  /**
   * Answers for orders this database never had are acknowledged (they can never become
   * applicable: an order is committed before its `order.placed` is published) and reported. A
   * load test sends nothing else, so the warning is a summary at most once per interval rather
   * than a line per message; each id is logged at debug level.
   */
  private reportUnknownOrders(orderIds: string[]): void {
    const { logger } = this.options;
    this.stats.unknownOrders += orderIds.length;
    this.unknownOrdersUnreported += orderIds.length;
    logger.debug({ orderIds }, 'events for unknown orders; ignored');
    const now = Date.now();
    const interval = this.options.unknownOrderReportIntervalMs ?? 60_000;
    if (now - this.unknownOrdersReportedAt < interval) return;
    logger.warn(
      { count: this.unknownOrdersUnreported, exampleOrderId: orderIds[0] },
      'events for unknown orders ignored since the last report',
    );
    this.unknownOrdersUnreported = 0;
    this.unknownOrdersReportedAt = now;
  }
}
