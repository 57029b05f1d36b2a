import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrdersApp } from '../../../services/orders/app.ts';
import { applyOrderEvent, PoisonMessageError } from '../../../services/orders/order-events.ts';
import { OrderEventsConsumer } from '../../../services/orders/order-events-consumer.ts';
import { prepareOrdersDatabase } from '../../../services/orders/prepare.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { DETAIL_TYPE } from '../../../src/shared/names.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { usePostgres } from '../../helpers/postgres.ts';
import { envelope, failed, reserved } from './inventory-answers.ts';

const postgres = usePostgres(['orders']);
const cloud = useLocalCloud();
let pool: pg.Pool;
let app: FastifyInstance;

beforeAll(async () => {
  await prepareOrdersDatabase(postgres.urls.orders, silentLogger);
  pool = new pg.Pool({ connectionString: postgres.urls.orders, max: 4 });
  pool.on('error', () => {});
  app = buildOrdersApp({ pool, logger: silentLogger });
});

afterAll(async () => {
  await app?.close();
  await pool?.end();
});

async function placeOrder(): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/orders',
    payload: { customerId: 'c1', items: [{ sku: 'ELEC-00001', quantity: 3, unitPriceCents: 100 }] },
  });
  return response.json().id;
}

async function orderStatus(id: string) {
  return (await app.inject({ url: `/orders/${id}` })).json();
}

describe('applyOrderEvent', () => {
  it('sets RESERVED once; a repeat or a late rejection changes nothing', async () => {
    const id = await placeOrder();

    const first = await applyOrderEvent(pool, reserved(id));
    const repeat = await applyOrderEvent(pool, reserved(id));
    const late = await applyOrderEvent(pool, failed(id));

    expect([first.outcome, repeat.outcome, late.outcome]).toEqual([
      'settled',
      'already-settled',
      'already-settled',
    ]);
    expect(await orderStatus(id)).toMatchObject({ status: 'RESERVED', rejectionReasons: null });
  });

  it('sets REJECTED with the per-item reasons', async () => {
    const id = await placeOrder();

    await applyOrderEvent(pool, failed(id));
    await applyOrderEvent(pool, reserved(id));

    expect(await orderStatus(id)).toMatchObject({
      status: 'REJECTED',
      rejectionReasons: [
        { sku: 'ELEC-00001', reason: 'INSUFFICIENT_STOCK', requested: 3, available: 1 },
      ],
    });
  });

  it('acknowledges an answer about an order this database never had', async () => {
    const outcome = await applyOrderEvent(pool, reserved('00000000-0000-4000-8000-000000000000'));
    const notUuid = await applyOrderEvent(pool, reserved('load-test-order-1'));

    expect(outcome.outcome).toBe('unknown-order');
    expect(notUuid.outcome).toBe('unknown-order');
  });

  it.each([
    ['not JSON', () => 'not json'],
    ['not an envelope', () => JSON.stringify({ orderId: 'x' })],
    [
      'a foreign source',
      (id: string) =>
        envelope(DETAIL_TYPE.inventoryReserved, {}, 'someone.else').replace(
          '{}',
          `{"orderId":"${id}"}`,
        ),
    ],
    ['an unknown detail-type', (id: string) => envelope('inventory.exploded', { orderId: id })],
    [
      'a detail failing its schema',
      (id: string) => envelope(DETAIL_TYPE.inventoryReserved, { orderId: id, items: [] }),
    ],
    [
      'a detail with an unknown field',
      (id: string) =>
        envelope(DETAIL_TYPE.inventoryReservationFailed, {
          orderId: id,
          reasons: [{ reason: 'UNKNOWN_SKU' }],
          failedAt: new Date().toISOString(),
          extra: 1,
        }),
    ],
  ])('treats %s as poison and changes nothing', async (_name, body) => {
    const id = await placeOrder();

    await expect(applyOrderEvent(pool, body(id))).rejects.toBeInstanceOf(PoisonMessageError);

    expect((await orderStatus(id)).status).toBe('PENDING');
  });
});

describe('OrderEventsConsumer on the local cloud SQS', () => {
  it('applies queued answers, deletes them, and leaves poison for the DLQ', async () => {
    // Arrange: a queue redriving to a DLQ after 2 receives, with a 1 s visibility timeout.
    const sqs = new SQSClient(cloud.clientConfig);
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'order-events-test-dlq' }));
    const dlqArn = (
      await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
      )
    ).Attributes?.QueueArn;
    await sqs.send(
      new CreateQueueCommand({
        QueueName: 'order-events-test',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    const reservedId = await placeOrder();
    const rejectedId = await placeOrder();
    const consumer = new OrderEventsConsumer({
      sqs,
      pool,
      logger: silentLogger,
      queueName: 'order-events-test',
      waitTimeSeconds: 1,
    });
    const queueUrl = `${cloud.endpoint}/000000000000/order-events-test`;

    // Act
    consumer.start();
    for (const body of [
      reserved(reservedId),
      reserved(reservedId),
      failed(rejectedId),
      '{"poison":true}',
    ]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    }
    const deadline = Date.now() + 15_000;
    let dead: string[] = [];
    while (Date.now() < deadline && dead.length === 0) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlq.QueueUrl, WaitTimeSeconds: 1 }),
      );
      dead = (received.Messages ?? []).map((m) => m.Body ?? '');
    }
    await consumer.stop();

    // Assert
    expect((await orderStatus(reservedId)).status).toBe('RESERVED');
    expect((await orderStatus(rejectedId)).status).toBe('REJECTED');
    expect(consumer.stats).toMatchObject({ applied: 2, duplicates: 1, poison: 2 });
    expect(dead).toEqual(['{"poison":true}']);
    expect(consumer.state).toBe('stopped');
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(attributes.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });
});
