/** Tunables of the local EventBridge, with AWS's values as defaults. */

export interface EventsServiceOptions {
  /**
   * Largest PutEvents request, summed over its entries as AWS sizes them. AWS documents 256 KB
   * (the API model text); a 2026 announcement raised events to 1 MB, so it is configurable.
   * @default 262144
   */
  maxEventSizeBytes?: number;
  /** First retry delay of a failed target delivery; doubles per attempt, with jitter. @default 1000 */
  retryBaseDelayMs?: number;
  /** Upper bound of one retry delay. @default 60000 */
  retryMaxDelayMs?: number;
}

export type ResolvedEventsOptions = Required<EventsServiceOptions>;

export const DEFAULT_MAX_EVENT_SIZE_BYTES = 256 * 1024;

export function resolveEventsOptions(options: EventsServiceOptions = {}): ResolvedEventsOptions {
  return {
    maxEventSizeBytes: options.maxEventSizeBytes ?? DEFAULT_MAX_EVENT_SIZE_BYTES,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
    retryMaxDelayMs: options.retryMaxDelayMs ?? 60_000,
  };
}
