/**
 * Publishes outcome events. A publish is done only when PutEvents accepted its entry; a failed
 * entry is retried with backoff, and after the last attempt the error goes up so the order (its
 * message) is retried rather than acknowledged.
 *
 * Outcomes published while others wait for the same turn of the event loop share one PutEvents
 * call (up to 10 entries, AWS's limit). The worker handles a received batch of up to 10 orders at
 * once, so its outcomes go out together; a Lambda invocation handles one order and sends one
 * entry, as before. Each caller still waits for, and answers for, its own entry only.
 */
import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { Logger } from '../shared/logger.ts';
import { INVENTORY_EVENT_SOURCE } from '../shared/names.ts';
import { OutcomePublishError } from './errors.ts';
import { backoffDelayMs, MAX_PUBLISH_ATTEMPTS, sleep } from './limits.ts';
import type { ReservationOutcome } from './outcome.ts';

/** PutEvents takes at most 10 entries per call... */
export const MAX_ENTRIES_PER_PUT = 10;
/** ...and 256 KiB in all; entries are counted by their detail, with room left for the rest. */
const MAX_DETAIL_BYTES_PER_PUT = 200 * 1024;

interface PendingEntry {
  orderId: string;
  entry: PutEventsRequestEntry;
  detailBytes: number;
  /** Attempts made so far. */
  attempts: number;
  resolve(): void;
  reject(err: Error): void;
}

export class OutcomePublisher {
  private queued: PendingEntry[] = [];
  private flushScheduled = false;

  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly logger: Logger,
  ) {}

  publish(outcome: ReservationOutcome): Promise<void> {
    return new Promise((resolve, reject) => {
      const detail = JSON.stringify(outcome.detail);
      this.enqueue({
        orderId: outcome.detail.orderId,
        entry: {
          EventBusName: this.busName,
          Source: INVENTORY_EVENT_SOURCE,
          DetailType: outcome.detailType,
          Detail: detail,
        },
        detailBytes: Buffer.byteLength(detail),
        attempts: 0,
        resolve,
        reject,
      });
    });
  }

  private enqueue(pending: PendingEntry): void {
    this.queued.push(pending);
    if (this.queued.length >= MAX_ENTRIES_PER_PUT) {
      void this.send(this.takeBatch());
      return;
    }
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after the promise continuations of this turn: every order of a batch
    // whose transaction answered in this turn has queued its outcome by then.
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.queued.length > 0) void this.send(this.takeBatch());
    });
  }

  /** The oldest queued entries that fit one PutEvents call (always at least one). */
  private takeBatch(): PendingEntry[] {
    let count = 0;
    let bytes = 0;
    while (count < this.queued.length && count < MAX_ENTRIES_PER_PUT) {
      bytes += this.queued[count]!.detailBytes;
      if (count > 0 && bytes > MAX_DETAIL_BYTES_PER_PUT) break;
      count++;
    }
    return this.queued.splice(0, count);
  }

  /** One PutEvents call; never rejects: each entry is settled or queued again. */
  private async send(batch: PendingEntry[]): Promise<void> {
    for (const pending of batch) pending.attempts++;
    let failures: Array<{ pending: PendingEntry; errorCode: string }>;
    try {
      const answer = await this.client.send(
        new PutEventsCommand({ Entries: batch.map((p) => p.entry) }),
      );
      failures = [];
      batch.forEach((pending, index) => {
        const result = answer.Entries?.[index];
        if (result?.EventId && !result.ErrorCode) {
          pending.resolve();
          return;
        }
        const errorCode = result?.ErrorCode ?? 'NoEventId';
        this.logger.warn(
          {
            orderId: pending.orderId,
            attempt: pending.attempts,
            errorCode,
            errorMessage: result?.ErrorMessage,
          },
          'outcome entry failed',
        );
        failures.push({ pending, errorCode });
      });
    } catch (err) {
      const errorCode = (err as Error).name;
      this.logger.warn(
        { orderIds: batch.map((p) => p.orderId), error: (err as Error).message },
        'PutEvents failed',
      );
      failures = batch.map((pending) => ({ pending, errorCode }));
    }
    for (const { pending, errorCode } of failures) void this.retry(pending, errorCode);
  }

  private async retry(pending: PendingEntry, errorCode: string): Promise<void> {
    if (pending.attempts >= MAX_PUBLISH_ATTEMPTS) {
      pending.reject(new OutcomePublishError(pending.orderId, errorCode, pending.attempts));
      return;
    }
    await sleep(backoffDelayMs(pending.attempts));
    this.enqueue(pending);
  }
}
