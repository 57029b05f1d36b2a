/**
 * The order flow through the whole local system, in one process: orders API, outbox relay and
 * order-events consumer (this area) against real PostgreSQL, and the real inventory worker and
 * reservation core against the local cloud's EventBridge, SQS and DynamoDB.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrdersApp } from '../../../services/orders/app.ts';
import {
  createEventBridgeClient,
  EventBridgePublisher,
} from '../../../services/orders/event-publisher.ts';
import { OrderEventsConsumer } from '../../../services/orders/order-events-consumer.ts';
import { OutboxRelay } from '../../../services/orders/outbox-relay.ts';
import { prepareOrdersDatabase } from '../../../services/orders/prepare.ts';
import { seedStock } from '../../../src/deploy/seed-stock.ts';
import { createInventoryReserver } from '../../../src/inventory/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import {
  EVENT_BUS_NAME,
  INVENTORY_EVENT_SOURCE,
  INVENTORY_QUEUE_NAME,
  INVENTORY_TABLE_NAME,
  ORDER_EVENT_SOURCE,
  ORDER_EVENTS_QUEUE_NAME,
} from '../../../src/shared/names.ts';
import { InventoryWorker } from '../../../src/worker/inventory-worker.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { usePostgres } from '../../helpers/postgres.ts';

const postgres = usePostgres(['orders']);
const cloud = useLocalCloud();
let pool: pg.Pool;
let app: FastifyInstance;
let relay: OutboxRelay;
let consumer: OrderEventsConsumer;
let worker: InventoryWorker;

async function route(events: EventBridgeClient, name: string, source: string, queueName: string) {
  await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: EVENT_BUS_NAME,
      EventPattern: JSON.stringify({ source: [source] }),
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

beforeAll(async () => {
  // The reservation core's SDK clients use the default credential chain.
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
  // Arrange the worker-mode wiring the CDK app describes, by hand.
  const events = new EventBridgeClient(cloud.clientConfig);
  const sqs = new SQSClient(cloud.clientConfig);
  const dynamodb = new DynamoDBClient(cloud.clientConfig);
  await events.send(new CreateEventBusCommand({ Name: EVENT_BUS_NAME }));
  const inventoryQueue = await sqs.send(
    new CreateQueueCommand({ QueueName: INVENTORY_QUEUE_NAME }),
  );
  await sqs.send(new CreateQueueCommand({ QueueName: ORDER_EVENTS_QUEUE_NAME }));
  await route(events, 'orders-to-inventory', ORDER_EVENT_SOURCE, INVENTORY_QUEUE_NAME);
  await route(events, 'inventory-to-orders', INVENTORY_EVENT_SOURCE, ORDER_EVENTS_QUEUE_NAME);
  await dynamodb.send(
    new CreateTableCommand({
      TableName: INVENTORY_TABLE_NAME,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await seedStock(dynamodb, { stockPerSku: 5, skus: ['ELEC-00001', 'HOME-00002'] });

  await prepareOrdersDatabase(postgres.urls.orders, silentLogger);
  pool = new pg.Pool({ connectionString: postgres.urls.orders, max: 6 });
  pool.on('error', () => {});
  relay = new OutboxRelay({
    pool,
    logger: silentLogger,
    publisher: new EventBridgePublisher(
      createEventBridgeClient({ endpoint: cloud.endpoint, region: 'us-east-1' }),
    ),
    pollIntervalMs: 50,
  });
  consumer = new OrderEventsConsumer({ sqs, pool, logger: silentLogger, waitTimeSeconds: 1 });
  worker = new InventoryWorker({
    queueUrl: inventoryQueue.QueueUrl ?? '',
    sqs,
    reserver: createInventoryReserver({ endpoint: cloud.endpoint, logger: silentLogger }),
    logger: silentLogger,
    waitTimeSeconds: 1,
  });
  app = buildOrdersApp({ pool, logger: silentLogger, onOrderCommitted: () => relay.wake() });
  relay.start();
  consumer.start();
  worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await Promise.all([relay?.stop(), consumer?.stop()]);
  await app?.close();
  await pool?.end();
});

async function place(items: { sku: string; quantity: number }[]): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/orders',
    payload: { customerId: 'flow', items: items.map((item) => ({ ...item, unitPriceCents: 100 })) },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function settledStatus(id: string): Promise<{ status: string; rejectionReasons: unknown }> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const order = (await app.inject({ url: `/orders/${id}` })).json();
    if (order.status !== 'PENDING' || Date.now() > deadline) return order;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('an order placed through the local system', () => {
  it('ends RESERVED when stock allows and REJECTED, with reasons, when it does not', async () => {
    // Act: 5 in stock for each SKU; the first order takes 3 of them, the second asks for 3 more.
    const first = await place([
      { sku: 'ELEC-00001', quantity: 3 },
      { sku: 'HOME-00002', quantity: 1 },
    ]);
    const firstOrder = await settledStatus(first);
    const second = await place([{ sku: 'ELEC-00001', quantity: 3 }]);
    const secondOrder = await settledStatus(second);
    const unknown = await place([{ sku: 'NOPE-00001', quantity: 1 }]);
    const unknownOrder = await settledStatus(unknown);

    // Assert
    expect(firstOrder.status).toBe('RESERVED');
    expect(secondOrder).toMatchObject({
      status: 'REJECTED',
      rejectionReasons: [
        expect.objectContaining({ sku: 'ELEC-00001', reason: 'INSUFFICIENT_STOCK' }),
      ],
    });
    expect(unknownOrder).toMatchObject({
      status: 'REJECTED',
      rejectionReasons: [expect.objectContaining({ sku: 'NOPE-00001', reason: 'UNKNOWN_SKU' })],
    });
  });
});
