import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { prepareOrdersDatabase } from '../../../services/orders/prepare.ts';
import { startReplicaSet } from '../../../src/balancer/replica-set.ts';
import { eventEnvelopeSchema, orderPlacedSchema } from '../../../src/shared/events.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import {
  DETAIL_TYPE,
  EVENT_BUS_NAME,
  INVENTORY_EVENT_SOURCE,
  ORDER_EVENT_SOURCE,
  ORDER_EVENTS_QUEUE_NAME,
} from '../../../src/shared/names.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { usePostgres } from '../../helpers/postgres.ts';

const postgres = usePostgres(['orders']);
const cloud = useLocalCloud();

async function route(events: EventBridgeClient, name: string, pattern: object, queueName: string) {
  await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: EVENT_BUS_NAME,
      EventPattern: JSON.stringify(pattern),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: EVENT_BUS_NAME,
      Targets: [{ Id: queueName, Arn: `arn:aws:sqs:us-east-1:000000000000:${queueName}` }],
    }),
  );
}

describe('orders service processes behind the balancer', () => {
  it('publish order.placed for a POST and set RESERVED when inventory answers', async () => {
    // Arrange: the bus, the order-events queue with inventory's answers routed to it, and an
    // observer queue standing in for inventory.
    const events = new EventBridgeClient(cloud.clientConfig);
    const sqs = new SQSClient(cloud.clientConfig);
    await events.send(new CreateEventBusCommand({ Name: EVENT_BUS_NAME }));
    await sqs.send(new CreateQueueCommand({ QueueName: ORDER_EVENTS_QUEUE_NAME }));
    const observer = await sqs.send(new CreateQueueCommand({ QueueName: 'inventory-stand-in' }));
    await route(
      events,
      'orders-to-inventory',
      { source: [ORDER_EVENT_SOURCE] },
      'inventory-stand-in',
    );
    await route(
      events,
      'inventory-to-orders',
      { source: [INVENTORY_EVENT_SOURCE] },
      ORDER_EVENTS_QUEUE_NAME,
    );
    await prepareOrdersDatabase(postgres.urls.orders, silentLogger);
    const set = await startReplicaSet({
      service: 'orders',
      entry: 'services/orders/main.ts',
      count: 2,
      logger: silentLogger,
      env: {
        ORDERS_DATABASE_URL: postgres.urls.orders,
        AWS_ENDPOINT_URL: cloud.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        NOVAMART_LOG_LEVEL: 'warn',
      },
    });

    try {
      // Act 1
      const placed = await fetch(`${set.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'c-42',
          items: [{ sku: 'BOOK-00003', quantity: 2, unitPriceCents: 1250 }],
        }),
      });
      const order = await placed.json();

      // Assert 1: 201 from a replica, and order.placed reaches inventory's queue.
      expect(placed.status).toBe(201);
      expect(placed.headers.get('x-instance')).toMatch(/^orders-[12]$/);
      expect(order).toMatchObject({ status: 'PENDING', totalCents: 2500 });
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: observer.QueueUrl,
          WaitTimeSeconds: 5,
          MaxNumberOfMessages: 10,
        }),
      );
      const detail = orderPlacedSchema.parse(
        eventEnvelopeSchema.parse(JSON.parse(received.Messages?.[0]?.Body ?? '')).detail,
      );
      expect(detail).toMatchObject({
        orderId: order.id,
        customerId: 'c-42',
        items: [{ sku: 'BOOK-00003', quantity: 2 }],
      });

      // Act 2: inventory answers.
      await events.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: EVENT_BUS_NAME,
              Source: INVENTORY_EVENT_SOURCE,
              DetailType: DETAIL_TYPE.inventoryReserved,
              Detail: JSON.stringify({
                orderId: order.id,
                items: detail.items,
                reservedAt: new Date().toISOString(),
              }),
            },
          ],
        }),
      );

      // Assert 2: one of the replicas' consumers settled the order.
      let status = 'PENDING';
      const deadline = Date.now() + 15_000;
      while (status === 'PENDING' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await (await fetch(`${set.url}/orders/${order.id}`)).json()).status;
      }
      expect(status).toBe('RESERVED');
    } finally {
      await set.stop();
    }

    // Assert 3: both replicas exited on SIGTERM by themselves, with code 0.
    expect(set.replicas.map((replica) => replica.process.exitCode)).toEqual([0, 0]);
  });
});
