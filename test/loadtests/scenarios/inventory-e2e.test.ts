import {
  CreateEventBusCommand,
  EventBridgeClient,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../loadtests/runner/run-scenario.ts';
import { inventoryE2e } from '../../../loadtests/scenarios/inventory-e2e.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import {
  DETAIL_TYPE,
  EVENT_BUS_NAME,
  INVENTORY_EVENT_SOURCE,
  ORDER_EVENT_SOURCE,
} from '../../../src/shared/names.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();

/**
 * Stands in for inventory (issue 3 owns the real one): answers every `order.placed` on the bus
 * with `inventory.reserved`, the 7th order with a rejection, and every 10th order twice.
 */
function startInventoryStandIn(sqs: SQSClient, events: EventBridgeClient) {
  const stop = new AbortController();
  let answered = 0;
  const loop = async (queueUrl: string) => {
    while (!stop.signal.aborted) {
      const { Messages = [] } = await sqs
        .send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
          }),
          {
            abortSignal: stop.signal,
          },
        )
        .catch(() => ({ Messages: [] }));
      for (const message of Messages) {
        const { orderId } = JSON.parse(message.Body!).detail;
        const n = ++answered;
        const rejected = n === 7;
        const entry = {
          EventBusName: EVENT_BUS_NAME,
          Source: INVENTORY_EVENT_SOURCE,
          DetailType: rejected
            ? DETAIL_TYPE.inventoryReservationFailed
            : DETAIL_TYPE.inventoryReserved,
          Detail: JSON.stringify(
            rejected
              ? { orderId, reasons: [{ reason: 'INSUFFICIENT_STOCK' }] }
              : { orderId, items: [] },
          ),
        };
        await events.send(
          new PutEventsCommand({ Entries: n % 10 === 0 ? [entry, entry] : [entry] }),
        );
      }
      if (Messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    }
  };
  return {
    async start() {
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: 'inventory-stand-in' }),
      );
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      await events.send(
        new PutRuleCommand({
          Name: 'inventory-stand-in',
          EventBusName: EVENT_BUS_NAME,
          EventPattern: JSON.stringify({
            source: [ORDER_EVENT_SOURCE],
            'detail-type': [DETAIL_TYPE.orderPlaced],
          }),
        }),
      );
      await events.send(
        new PutTargetsCommand({
          Rule: 'inventory-stand-in',
          EventBusName: EVENT_BUS_NAME,
          Targets: [{ Id: 'q', Arn: Attributes!.QueueArn! }],
        }),
      );
      return Array.from({ length: 2 }, () => loop(QueueUrl!));
    },
    stop: () => stop.abort(),
  };
}

let sqs: SQSClient;
let events: EventBridgeClient;
let standIn: ReturnType<typeof startInventoryStandIn>;
let loops: Promise<void>[];

beforeAll(async () => {
  sqs = new SQSClient(fixture.clientConfig);
  events = new EventBridgeClient(fixture.clientConfig);
  await events.send(new CreateEventBusCommand({ Name: EVENT_BUS_NAME }));
  standIn = startInventoryStandIn(sqs, events);
  loops = await standIn.start();
});

afterAll(async () => {
  standIn?.stop();
  await Promise.allSettled(loops ?? []);
  sqs?.destroy();
  events?.destroy();
});

describe('inventory-e2e against the local cloud', () => {
  it('matches each published order.placed to its inventory outcome, counts duplicates, and cleans up', async () => {
    // Arrange
    const instance = await inventoryE2e.setup({
      target: 'embedded',
      endpoint: fixture.endpoint,
      region: 'us-east-1',
      maxInFlight: 100,
      requestTimeoutMs: 10_000,
      logger: silentLogger,
      options: { receivers: '2' },
    });

    // Act
    const run = await runScenario({
      scenario: 'inventory-e2e',
      instance,
      steps: [{ rateRps: 40, durationMs: 1_000 }],
      thresholds: { p95LimitMs: 5_000, errorRateLimit: 0 },
      target: 'embedded',
      maxInFlight: 100,
      whenFull: 'drop',
      requestTimeoutMs: 10_000,
      logger: silentLogger,
    });
    // Duplicates of the last orders may still be on their way.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lateCounters = instance.counters!();
    await instance.teardown();

    // Assert
    const [step] = run.steps;
    expect(step.scheduled).toBe(40);
    expect(step.completed).toBe(40);
    expect(step.errors + step.timeouts).toBe(0);
    expect(step.labels).toEqual({ reserved: 39, 'rejected:INSUFFICIENT_STOCK': 1 });
    expect(step.latencyMs.p50).toBeGreaterThan(0);
    expect(lateCounters.observed).toBe(40);
    expect(lateCounters.duplicated).toBe(4);
    expect(lateCounters.foreign).toBe(0);
    expect(run.passed).toBe(true);

    const rules = await events.send(new ListRulesCommand({ EventBusName: EVENT_BUS_NAME }));
    expect(rules.Rules?.map((r) => r.Name)).toEqual(['inventory-stand-in']);
    const queues = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'novamart-loadtest-' }));
    expect(queues.QueueUrls ?? []).toEqual([]);
  });
});
