/**
 * The outbox relay: publishes committed `order.placed` events, at least once.
 *
 * Each pass claims up to 10 unpublished rows with `FOR UPDATE SKIP LOCKED` (so replicas running
 * their own relay never claim the same row), publishes them in one PutEvents call, marks the
 * entries that succeeded and schedules the rest for a retry with exponential backoff. A crash
 * between publishing and marking publishes those rows again: consumers dedup by orderId.
 *
 * Publishing a new order does not wait for a poll: the HTTP handler wake()s the relay of the
 * replica that committed it. Polling is only for what no wake announces (retries coming due, rows
 * a crashed replica left), so an idle relay polls ever less often, down to once per idlePollMaxMs.
 *
 * The loop never throws. Its state is explicit, failures are logged and counted, and stop() waits
 * for the pass in flight to finish.
 */
import type pg from 'pg';
import type { Logger } from '../../src/shared/logger.ts';
import { type EventPublisher, MAX_ENTRIES_PER_PUT } from './event-publisher.ts';

export type RelayState = 'idle' | 'running' | 'stopping' | 'stopped';

export interface OutboxRelayOptions {
  pool: pg.Pool;
  publisher: EventPublisher;
  logger: Logger;
  /** Rows per PutEvents call, at most 10. @default 10 */
  batchSize?: number;
  /** Pause after a pass that found less than a full batch. @default 250 */
  pollIntervalMs?: number;
  /** Ceiling of the pause, doubled after each pass that found nothing to do. @default 2000 */
  idlePollMaxMs?: number;
  /** First retry delay of a failed entry; doubles per attempt. @default 200 */
  baseBackoffMs?: number;
  /** Retry delay ceiling. @default 30000 */
  maxBackoffMs?: number;
}

export interface RelayStats {
  published: number;
  failedAttempts: number;
  passErrors: number;
}

interface OutboxRow {
  id: string;
  detail_type: string;
  detail: unknown;
  attempts: number;
}

export interface PassResult {
  claimed: number;
  published: number;
  failed: number;
}

export class OutboxRelay {
  private currentState: RelayState = 'idle';
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wokenDuringPass = false;
  readonly stats: RelayStats = { published: 0, failedAttempts: 0, passErrors: 0 };
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly idlePollMaxMs: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = Math.min(options.batchSize ?? MAX_ENTRIES_PER_PUT, MAX_ENTRIES_PER_PUT);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.idlePollMaxMs = Math.max(this.pollIntervalMs, options.idlePollMaxMs ?? 2_000);
    this.baseBackoffMs = options.baseBackoffMs ?? 200;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  get state(): RelayState {
    return this.currentState;
  }

  start(): void {
    if (this.currentState !== 'idle') return;
    this.currentState = 'running';
    this.loop = this.run();
  }

  /** Ends the loop after the pass in flight; rows it claimed are either marked or retried later. */
  async stop(): Promise<void> {
    if (this.currentState === 'idle') this.currentState = 'stopped';
    if (this.currentState !== 'running') return this.loop;
    this.currentState = 'stopping';
    this.wakeUp?.();
    await this.loop;
    this.currentState = 'stopped';
  }

  /** Start the next pass now rather than after the poll interval (a new order was committed). */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    // Mid-pass: the pass may have looked before the order was committed, so do another at once.
    else this.wokenDuringPass = true;
  }

  private async run(): Promise<void> {
    let idlePauseMs = this.pollIntervalMs;
    while (this.currentState === 'running') {
      const result = await this.relayOnce();
      if (this.currentState !== 'running') break;
      if (result.claimed === this.batchSize && result.failed === 0) {
        idlePauseMs = this.pollIntervalMs;
        continue; // more may be waiting
      }
      const idle = result.claimed === 0 && result.failed === 0;
      const woken = await this.pause(idle ? idlePauseMs : this.pollIntervalMs);
      // An idle pass that no wake cut short makes the next idle pause longer; any work resets it.
      idlePauseMs =
        idle && !woken ? Math.min(idlePauseMs * 2, this.idlePollMaxMs) : this.pollIntervalMs;
    }
  }

  /** Resolves true when wake() or stop() ended the pause early. */
  private pause(ms: number): Promise<boolean> {
    if (this.wokenDuringPass) {
      this.wokenDuringPass = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve(true);
      };
    }).finally(() => {
      this.wakeUp = undefined;
    });
  }

  /** One pass: claim, publish, record. Never throws; a failed pass is logged and counted. */
  async relayOnce(): Promise<PassResult> {
    let client: pg.PoolClient | undefined;
    try {
      client = await this.options.pool.connect();
      await client.query('BEGIN');
      const claimed = await client.query<OutboxRow>(
        `SELECT id, detail_type, detail, attempts FROM outbox
         WHERE published_at IS NULL AND next_attempt_at <= now()
         ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (claimed.rows.length === 0) {
        await client.query('COMMIT');
        return { claimed: 0, published: 0, failed: 0 };
      }

      const outcomes = await this.options.publisher.publish(
        claimed.rows.map((row) => ({ detailType: row.detail_type, detail: row.detail })),
      );
      const publishedIds: string[] = [];
      const failed: { id: string; delayMs: number; error: string }[] = [];
      claimed.rows.forEach((row, index) => {
        const outcome = outcomes[index];
        if (outcome.ok) publishedIds.push(row.id);
        else
          failed.push({ id: row.id, delayMs: this.backoffMs(row.attempts), error: outcome.error });
      });

      if (publishedIds.length > 0) {
        await client.query(
          'UPDATE outbox SET published_at = now(), last_error = NULL WHERE id = ANY($1::bigint[])',
          [publishedIds],
        );
      }
      if (failed.length > 0) {
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = f.error,
                  next_attempt_at = now() + f.delay_ms * interval '1 millisecond'
           FROM unnest($1::bigint[], $2::int[], $3::text[]) AS f(id, delay_ms, error)
           WHERE outbox.id = f.id`,
          [
            failed.map((f) => f.id),
            failed.map((f) => f.delayMs),
            failed.map((f) => f.error.slice(0, 1000)),
          ],
        );
      }
      await client.query('COMMIT');

      this.stats.published += publishedIds.length;
      this.stats.failedAttempts += failed.length;
      if (failed.length > 0) {
        this.options.logger.warn(
          {
            failed: failed.length,
            published: publishedIds.length,
            error: failed[0].error,
            retryInMs: failed[0].delayMs,
          },
          'order events not published; will retry',
        );
      }
      return {
        claimed: claimed.rows.length,
        published: publishedIds.length,
        failed: failed.length,
      };
    } catch (err) {
      await client?.query('ROLLBACK').catch(() => {});
      // A connection that failed mid-pass may be broken: drop it rather than return it to the pool.
      client?.release(true);
      client = undefined;
      this.stats.passErrors += 1;
      this.options.logger.warn({ err }, 'outbox pass failed; will retry');
      return { claimed: 0, published: 0, failed: 1 };
    } finally {
      client?.release();
    }
  }

  /** Exponential backoff with jitter, so replicas retrying the same outage do not move in step. */
  private backoffMs(previousAttempts: number): number {
    const ceiling = Math.min(
      this.maxBackoffMs,
      this.baseBackoffMs * 2 ** Math.min(previousAttempts, 20),
    );
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }
}
