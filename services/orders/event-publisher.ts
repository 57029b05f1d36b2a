/**
 * Publishing outbox entries with EventBridge PutEvents. An entry counts as published only when
 * its slot in the answer carries an EventId and no ErrorCode; a call that fails outright fails
 * every entry it carried.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EVENT_BUS_NAME, ORDER_EVENT_SOURCE } from '../../src/shared/names.ts';

/** PutEvents takes at most 10 entries per call. */
export const MAX_ENTRIES_PER_PUT = 10;

export interface OutboundEvent {
  detailType: string;
  detail: unknown;
}

export type PublishOutcome = { ok: true; eventId: string } | { ok: false; error: string };

export interface EventPublisher {
  /** One outcome per event, in order. Never throws: a failed call is a failed outcome for each. */
  publish(events: OutboundEvent[]): Promise<PublishOutcome[]>;
}

export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string = EVENT_BUS_NAME,
  ) {}

  async publish(events: OutboundEvent[]): Promise<PublishOutcome[]> {
    if (events.length > MAX_ENTRIES_PER_PUT) {
      throw new RangeError(
        `PutEvents takes at most ${MAX_ENTRIES_PER_PUT} entries; got ${events.length}`,
      );
    }
    try {
      const answer = await this.client.send(
        new PutEventsCommand({
          Entries: events.map((event) => ({
            EventBusName: this.busName,
            Source: ORDER_EVENT_SOURCE,
            DetailType: event.detailType,
            Detail: JSON.stringify(event.detail),
          })),
        }),
      );
      const entries = answer.Entries ?? [];
      return events.map((_event, index): PublishOutcome => {
        const entry = entries[index];
        if (entry?.EventId && !entry.ErrorCode) return { ok: true, eventId: entry.EventId };
        return {
          ok: false,
          error: entry
            ? `${entry.ErrorCode ?? 'NoEventId'}: ${entry.ErrorMessage ?? ''}`
            : 'missing from answer',
        };
      });
    } catch (err) {
      const error = `${(err as Error).name}: ${(err as Error).message}`;
      return events.map(() => ({ ok: false, error }));
    }
  }
}

export interface EventBridgeClientOptions {
  /** Where EventBridge is, e.g. the local cloud; undefined means AWS. */
  endpoint?: string;
  region: string;
  /** Connect timeout: an unreachable endpoint should fail fast, the relay retries. @default 2000 */
  connectionTimeoutMs?: number;
  /** @default 5000 */
  requestTimeoutMs?: number;
}

export function createEventBridgeClient(options: EventBridgeClientOptions): EventBridgeClient {
  return new EventBridgeClient({
    endpoint: options.endpoint,
    region: options.region,
    // The relay owns retries (with backoff, per entry); SDK retries would only hide failures.
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 2_000,
      requestTimeout: options.requestTimeoutMs ?? 5_000,
    },
    ...(options.endpoint && !process.env.AWS_ACCESS_KEY_ID
      ? { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }
      : {}),
  });
}
