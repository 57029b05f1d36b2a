/**
 * Matches `inventory.*` events seen on the load test's queue to the `order.placed` events it
 * published, by orderId. Delivery is at-least-once, so a second event for the same order is a
 * duplicate, counted, never a second outcome. Events for orders this run did not publish (real
 * orders from the order service) are counted as foreign and ignored.
 */
import { DETAIL_TYPE } from '../../src/shared/names.ts';
import type { Outcome } from '../runner/types.ts';

interface Waiter {
  resolve(outcome: Outcome): void;
}

export interface MatcherCounters {
  observed: number;
  duplicated: number;
  lateObserved: number;
  foreign: number;
  unreadable: number;
}

/** How long an orderId is remembered after its outcome, to recognise duplicates. */
const REMEMBER_LIMIT = 200_000;

export class OutcomeMatcher {
  private readonly waiting = new Map<string, Waiter>();
  /** Orders published by this run whose outcome came, or whose wait ended, in insertion order. */
  private readonly done = new Map<string, 'observed' | 'abandoned'>();
  private readonly counts: MatcherCounters = {
    observed: 0,
    duplicated: 0,
    lateObserved: 0,
    foreign: 0,
    unreadable: 0,
  };

  /** Resolves with the order's outcome when its event is observed, or `timeout` when `signal` aborts. */
  waitFor(orderId: string, signal: AbortSignal): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const onAbort = () => {
        if (this.waiting.delete(orderId)) this.remember(orderId, 'abandoned');
        resolve({ ok: false, kind: 'timeout' });
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(orderId, {
        resolve: (outcome) => {
          signal.removeEventListener('abort', onAbort);
          resolve(outcome);
        },
      });
    });
  }

  /** Forgets an order whose publish failed. */
  cancel(orderId: string): void {
    this.waiting.delete(orderId);
  }

  /** Feeds one SQS message body (an EventBridge envelope). */
  observe(body: string): void {
    let envelope: { 'detail-type'?: unknown; detail?: { orderId?: unknown; reasons?: unknown } };
    try {
      envelope = JSON.parse(body);
    } catch {
      this.counts.unreadable++;
      return;
    }
    const orderId = envelope.detail?.orderId;
    if (typeof orderId !== 'string') {
      this.counts.unreadable++;
      return;
    }
    const waiter = this.waiting.get(orderId);
    if (!waiter) {
      const seen = this.done.get(orderId);
      if (seen === 'observed') this.counts.duplicated++;
      else if (seen === 'abandoned') this.counts.lateObserved++;
      else this.counts.foreign++;
      return;
    }
    this.waiting.delete(orderId);
    this.remember(orderId, 'observed');
    this.counts.observed++;
    waiter.resolve(outcomeOf(envelope['detail-type'], envelope.detail?.reasons));
  }

  counters(): MatcherCounters {
    return { ...this.counts };
  }

  private remember(orderId: string, state: 'observed' | 'abandoned'): void {
    this.done.set(orderId, state);
    if (this.done.size > REMEMBER_LIMIT) this.done.delete(this.done.keys().next().value!);
  }
}

/** Reserved is a success; a rejection is a valid answer too, labelled with its first reason. */
export function outcomeOf(detailType: unknown, reasons: unknown): Outcome {
  if (detailType === DETAIL_TYPE.inventoryReserved) return { ok: true, label: 'reserved' };
  if (detailType === DETAIL_TYPE.inventoryReservationFailed) {
    const first = Array.isArray(reasons)
      ? (reasons[0] as { reason?: unknown } | undefined)
      : undefined;
    const reason = typeof first?.reason === 'string' ? first.reason : 'UNKNOWN';
    return { ok: true, label: `rejected:${reason}` };
  }
  return { ok: false, kind: `unexpected_event:${String(detailType)}` };
}
