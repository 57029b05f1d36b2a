/**
 * Publishes an outcome event. A publish is done only when PutEvents accepted the entry; a failed
 * entry is retried with backoff, and after the last attempt the error goes up so the order
 * (its message) is retried rather than acknowledged.
 */
import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Logger } from '../shared/logger.ts';
import { INVENTORY_EVENT_SOURCE } from '../shared/names.ts';
import { OutcomePublishError } from './errors.ts';
import { backoffDelayMs, MAX_PUBLISH_ATTEMPTS, sleep } from './limits.ts';
import type { ReservationOutcome } from './outcome.ts';

export class OutcomePublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly logger: Logger,
  ) {}

  async publish(outcome: ReservationOutcome): Promise<void> {
    const orderId = outcome.detail.orderId;
    let lastError: string | undefined;
    for (let attempt = 0; attempt < MAX_PUBLISH_ATTEMPTS; attempt++) {
      if (attempt > 0) await sleep(backoffDelayMs(attempt));
      try {
        const answer = await this.client.send(
          new PutEventsCommand({
            Entries: [
              {
                EventBusName: this.busName,
                Source: INVENTORY_EVENT_SOURCE,
                DetailType: outcome.detailType,
                Detail: JSON.stringify(outcome.detail),
              },
            ],
          }),
        );
        const entry = answer.Entries?.[0];
        if (!answer.FailedEntryCount && entry?.EventId) return;
        lastError = entry?.ErrorCode ?? 'NoEventId';
        this.logger.warn(
          { orderId, attempt, errorCode: lastError, errorMessage: entry?.ErrorMessage },
          'outcome entry failed',
        );
      } catch (err) {
        lastError = (err as Error).name;
        this.logger.warn({ orderId, attempt, error: (err as Error).message }, 'PutEvents failed');
      }
    }
    throw new OutcomePublishError(orderId, lastError, MAX_PUBLISH_ATTEMPTS);
  }
}
