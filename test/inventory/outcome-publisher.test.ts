/**
 * The outcome publisher against the local cloud's EventBridge: outcomes published together share
 * PutEvents calls of up to 10 entries, each caller answers for its own entry, failed entries are
 * retried, and an entry that never gets through fails its caller with OutcomePublishError.
 */
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutcomePublishError } from '../../src/inventory/errors.ts';
import { MAX_PUBLISH_ATTEMPTS } from '../../src/inventory/limits.ts';
import { type ReservationOutcome, reservedOutcome } from '../../src/inventory/outcome.ts';
import { OutcomePublisher } from '../../src/inventory/outcome-publisher.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { INVENTORY_EVENT_SOURCE } from '../../src/shared/names.ts';
import { useLocalCloud } from '../helpers/cloud.ts';
import { createQueue } from '../helpers/queues.ts';
import { type OutcomeEvent, receiveAll } from './inventory-fixture.ts';

const fixture = useLocalCloud();
let events: EventBridgeClient;
let sqs: SQSClient;
/** PutEvents calls the client made, counted in its own middleware stack. */
let putEventsCalls = 0;

function outcome(orderId: string): ReservationOutcome {
  return reservedOutcome(orderId, [{ sku: 'SKU-1', quantity: 1 }], '2026-12-04T10:00:00.000Z');
}

/** A bus with a rule sending every inventory event to a fresh queue; returns the queue URL. */
async function busWithQueue(busName: string): Promise<string> {
  await events.send(new CreateEventBusCommand({ Name: busName }));
  const queue = await createQueue(sqs, `${busName}-q`);
  await events.send(
    new PutRuleCommand({
      Name: `${busName}-all`,
      EventBusName: busName,
      EventPattern: JSON.stringify({ source: [INVENTORY_EVENT_SOURCE] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: `${busName}-all`,
      EventBusName: busName,
      Targets: [{ Id: 'q', Arn: queue.arn }],
    }),
  );
  return queue.url;
}

async function receivedOrderIds(queueUrl: string, expected: number): Promise<string[]> {
  const bodies = await receiveAll(sqs, queueUrl, expected, 10_000);
  return bodies.map((body) => (JSON.parse(body) as OutcomeEvent).detail.orderId).sort();
}

beforeAll(() => {
  events = new EventBridgeClient(fixture.clientConfig);
  sqs = new SQSClient(fixture.clientConfig);
  events.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'PutEventsCommand') putEventsCalls++;
      return next(args);
    },
    { step: 'initialize', name: 'countPutEvents' },
  );
});

afterAll(() => {
  events.destroy();
  sqs.destroy();
});

describe('OutcomePublisher', () => {
  it('sends 25 outcomes published together in 3 PutEvents calls, every one delivered', async () => {
    // Arrange
    const queueUrl = await busWithQueue('publisher-batches');
    const publisher = new OutcomePublisher(events, 'publisher-batches', silentLogger);
    const orderIds = Array.from({ length: 25 }, (_, i) => `o-${String(i).padStart(2, '0')}`);
    putEventsCalls = 0;

    // Act
    await Promise.all(orderIds.map((id) => publisher.publish(outcome(id))));

    // Assert
    expect(putEventsCalls).toBe(3);
    expect(await receivedOrderIds(queueUrl, 25)).toEqual(orderIds);
  });

  it('retries failed entries until they get through', async () => {
    // Arrange: the bus does not exist yet, so every entry fails (ResourceNotFoundException).
    const failedEntries: unknown[] = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => failedEntries.push(JSON.parse(line)) },
    );
    const publisher = new OutcomePublisher(events, 'publisher-late-bus', logger);
    putEventsCalls = 0;

    // Act: the bus appears once both entries have failed once.
    const published = Promise.all(['late-1', 'late-2'].map((id) => publisher.publish(outcome(id))));
    while (failedEntries.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
    await events.send(new CreateEventBusCommand({ Name: 'publisher-late-bus' }));

    // Assert: both resolve, which they do only on an EventId for their own entry.
    await expect(published).resolves.toEqual([undefined, undefined]);
    expect(putEventsCalls).toBeGreaterThan(1);
    expect(failedEntries).toContainEqual(
      expect.objectContaining({ orderId: 'late-1', errorCode: 'ResourceNotFoundException' }),
    );
  });

  it('fails the caller with OutcomePublishError after the last attempt', async () => {
    // Arrange
    const publisher = new OutcomePublisher(events, 'publisher-no-such-bus', silentLogger);

    // Act
    const failure = await publisher.publish(outcome('lost-1')).catch((err: unknown) => err);

    // Assert
    expect(failure).toBeInstanceOf(OutcomePublishError);
    expect(failure).toMatchObject({ orderId: 'lost-1', errorCode: 'ResourceNotFoundException' });
    expect((failure as Error).message).toContain(`after ${MAX_PUBLISH_ATTEMPTS} attempts`);
  });
});
