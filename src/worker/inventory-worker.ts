/**
 * The long-running inventory worker: `concurrency` sqs-consumer pollers on the inventory queue,
 * each receiving batches of up to 10 and handling them through the reservation core. stop()
 * stops receiving and resolves once every batch already received has been handled and its
 * handled messages deleted.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import type { InventoryReserver } from '../inventory/index.ts';
import type { Logger } from '../shared/logger.ts';
import { createBatchHandler } from './batch-handler.ts';

/** SQS's largest batch. */
export const MAX_BATCH_SIZE = 10;

export interface InventoryWorkerOptions {
  queueUrl: string;
  sqs: SQSClient;
  reserver: InventoryReserver;
  logger: Logger;
  /** Pollers running side by side, each with its own batch in flight. @default 1 */
  concurrency?: number;
  /** @default 10 */
  batchSize?: number;
  /** Long-poll wait; also the longest a stop waits for an empty receive to return. @default 10 */
  waitTimeSeconds?: number;
  /** How long stop() waits for in-flight batches before giving up on them. @default 25000 */
  drainTimeoutMs?: number;
}

export class InventoryWorker {
  private readonly consumers: Consumer[];
  private readonly logger: Logger;

  constructor(options: InventoryWorkerOptions) {
    this.logger = options.logger;
    const handleMessageBatch = createBatchHandler(options.reserver, options.logger);
    this.consumers = Array.from({ length: options.concurrency ?? 1 }, (_, index) => {
      const consumer = Consumer.create({
        queueUrl: options.queueUrl,
        sqs: options.sqs,
        batchSize: options.batchSize ?? MAX_BATCH_SIZE,
        waitTimeSeconds: options.waitTimeSeconds ?? 10,
        // Receive counts go into the logs so a message on its way to the DLQ can be followed.
        messageSystemAttributeNames: ['ApproximateReceiveCount'],
        handleMessageBatch,
        strictReturn: true,
        pollingCompleteWaitTimeMs: options.drainTimeoutMs ?? 25_000,
      });
      // Without an 'error' listener an SQS failure would crash the process; the consumer retries.
      consumer.on('error', (err) =>
        this.logger.error({ poller: index, error: err.message }, 'SQS call failed'),
      );
      consumer.on('processing_error', (err) =>
        this.logger.error({ poller: index, error: err.message }, 'batch failed'),
      );
      consumer.on('waiting_for_polling_to_complete_timeout_exceeded', () =>
        this.logger.warn(
          { poller: index },
          'stopped before in-flight work finished; it will be redelivered',
        ),
      );
      return consumer;
    });
  }

  start(): void {
    for (const consumer of this.consumers) consumer.start();
    this.logger.info({ pollers: this.consumers.length }, 'worker started');
  }

  /** Stops receiving and waits for every in-flight batch to be handled and deleted. */
  async stop(): Promise<void> {
    await Promise.all(
      this.consumers.map(
        (consumer) =>
          new Promise<void>((resolve) => {
            if (!consumer.status.isRunning) return resolve();
            consumer.once('stopped', () => resolve());
            consumer.stop();
          }),
      ),
    );
    this.logger.info('worker stopped');
  }
}
