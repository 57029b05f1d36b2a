/**
 * The poller behind one enabled SQS event source mapping. It long-polls the queue, gathers a
 * batch (BatchSize, MaximumBatchingWindowInSeconds), invokes the function synchronously and
 * deletes what succeeded; failed messages are left to reappear after the visibility timeout, so
 * the queue's redrive policy decides when they move to its DLQ. Several batches may be in
 * flight, up to the mapping's concurrency. The loop never throws: receive errors back off.
 */

import type { Logger } from '../../../src/shared/logger.ts';
import type { SqsBackend, SqsMessageForConsumer } from '../../context.ts';
import type { InvocationResult } from '../run-invocation.ts';
import { readBatchItemFailures } from './batch-item-failures.ts';
import type { EventSourceMapping } from './event-source-mapping.ts';
import { buildSqsEvent } from './sqs-event.ts';

const SQS_MAX_MESSAGES_PER_RECEIVE = 10;
const SQS_MAX_WAIT_SECONDS = 20;

export interface SqsPollerOptions {
  mapping: EventSourceMapping;
  region: string;
  sqs: SqsBackend;
  /** Runs the function on one event (waiting for a free slot) and returns its outcome. */
  invoke(eventJson: string): Promise<InvocationResult>;
  /** Batches allowed in flight now (the function's cap, lowered by ScalingConfig). */
  maxBatchesInFlight(): number;
  logger: Logger;
  /** Long-poll wait of each receive; bounds how long a stopped poller lingers. */
  pollWaitSeconds: number;
  errorBackoffMs: number;
}

export class SqsPoller {
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: SqsPollerOptions) {}

  start(): void {
    void this.loop();
  }

  /** Stops receiving; waits for batches already handed to the function. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.inFlight);
  }

  private get log() {
    const { mapping } = this.options;
    return { uuid: mapping.uuid, queueArn: mapping.eventSourceArn, function: mapping.functionName };
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      while (this.inFlight.size >= Math.max(1, this.options.maxBatchesInFlight())) {
        await Promise.race(this.inFlight);
      }
      let batch: SqsMessageForConsumer[];
      try {
        batch = await this.collectBatch();
      } catch (err) {
        this.options.logger.warn({ ...this.log, err }, 'event source mapping could not receive');
        await sleep(this.options.errorBackoffMs);
        continue;
      }
      if (this.stopped) {
        await this.releaseUnprocessed(batch);
        return;
      }
      if (batch.length === 0) continue;
      const handling = this.handleBatch(batch);
      this.inFlight.add(handling);
      void handling.finally(() => this.inFlight.delete(handling));
    }
  }

  private async collectBatch(): Promise<SqsMessageForConsumer[]> {
    const { mapping, sqs, pollWaitSeconds } = this.options;
    const windowMs = mapping.maximumBatchingWindowInSeconds * 1000;
    const batch: SqsMessageForConsumer[] = [];
    let deadlineMs = Number.POSITIVE_INFINITY;
    while (!this.stopped && batch.length < mapping.batchSize) {
      const remainingMs = deadlineMs - Date.now();
      if (batch.length > 0 && remainingMs <= 0) break;
      const waitTimeSeconds =
        batch.length === 0
          ? pollWaitSeconds
          : Math.min(SQS_MAX_WAIT_SECONDS, Math.ceil(remainingMs / 1000));
      const received = await sqs.receiveMessagesByArn(mapping.eventSourceArn, {
        maxMessages: Math.min(SQS_MAX_MESSAGES_PER_RECEIVE, mapping.batchSize - batch.length),
        waitTimeSeconds,
      });
      if (received.length > 0 && batch.length === 0) deadlineMs = Date.now() + windowMs;
      for (const message of received) {
        // A window longer than the visibility timeout can bring a message back into the same
        // batch; keep it once, with its newest receipt handle.
        const earlier = batch.findIndex((m) => m.messageId === message.messageId);
        if (earlier >= 0) batch[earlier] = message;
        else batch.push(message);
      }
      if (batch.length === 0) return batch;
      if (windowMs === 0) break;
    }
    return batch;
  }

  private async handleBatch(batch: SqsMessageForConsumer[]): Promise<void> {
    const { mapping, sqs, logger } = this.options;
    const event = buildSqsEvent(batch, mapping.eventSourceArn, this.options.region);
    let result: InvocationResult;
    try {
      result = await this.options.invoke(JSON.stringify(event));
    } catch (err) {
      logger.warn({ ...this.log, err }, 'batch not delivered; messages will reappear');
      return;
    }
    if (result.errorType) {
      logger.info(
        {
          ...this.log,
          requestId: result.requestId,
          errorType: result.errorType,
          size: batch.length,
        },
        'function failed the batch; messages will reappear after the visibility timeout',
      );
      return;
    }

    let done = batch;
    if (mapping.functionResponseTypes.includes('ReportBatchItemFailures')) {
      const verdict = readBatchItemFailures(
        result.body,
        batch.map((m) => m.messageId),
      );
      if (verdict.kind === 'all-failed') {
        logger.info(
          { ...this.log, requestId: result.requestId },
          'invalid batchItemFailures; whole batch failed',
        );
        return;
      }
      done = batch.filter((message) => !verdict.failedMessageIds.has(message.messageId));
    }
    await Promise.all(
      done.map((message) =>
        sqs
          .deleteMessageByArn(mapping.eventSourceArn, message.receiptHandle)
          .catch((err: unknown) => {
            logger.warn(
              { ...this.log, err, messageId: message.messageId },
              'could not delete message',
            );
          }),
      ),
    );
  }

  /** Messages received after stop() go back to the queue at once instead of waiting out the timeout. */
  private async releaseUnprocessed(batch: SqsMessageForConsumer[]): Promise<void> {
    const { mapping, sqs } = this.options;
    await Promise.all(
      batch.map((message) =>
        sqs
          .changeMessageVisibilityByArn(mapping.eventSourceArn, message.receiptHandle, 0)
          .catch(() => {}),
      ),
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
