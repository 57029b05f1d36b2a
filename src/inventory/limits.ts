/** Limits the reservation core enforces, and the retry budgets it spends. */
export { MAX_LINES_PER_ORDER } from '../shared/names.ts';

/** Largest quantity of one SKU in one order; more is answered with INVALID_QUANTITY. */
export const MAX_QUANTITY_PER_LINE = 1000;

/** Attempts at the stock transaction while it is cancelled only by TransactionConflict. */
export const MAX_TRANSACTION_ATTEMPTS = 8;

/** Attempts at PutEvents for the outcome event before the order is handed back for retry. */
export const MAX_PUBLISH_ATTEMPTS = 5;

/** First backoff between attempts; doubled each time, with full jitter. */
export const RETRY_BASE_DELAY_MS = 20;

export function backoffDelayMs(attempt: number, baseMs = RETRY_BASE_DELAY_MS): number {
  return Math.random() * baseMs * 2 ** attempt;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
