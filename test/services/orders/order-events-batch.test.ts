import {
  CreateQueueCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOrderEventBatch } from '../../../services/orders/order-events-batch.ts';
import { OrderEventsConsumer } from '../../../services/orders/order-events-consumer.ts';
import { prepareOrdersDatabase } from '../../../services/orders/prepare.ts';
import { settleOrders } from '../../../services/orders/settle-orders.ts';
import { findOrder, insertOrder } from '../../../services/orders/store.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { usePostgres } from '../../helpers/postgres.ts';
import { queueCounts } from '../../helpers/queues.ts';
import { failed, OUT_OF_STOCK, reserved } from './inventory-answers.ts';

const postgres = usePostgres(['orders']);
const cloud = useLocalCloud();
let pool: pg.Pool;

beforeAll(async () => {
  await prepareOrdersDatabase(postgres.urls.orders, silentLogger);
  pool = new pg.Pool({ connectionString: postgres.urls.orders, max: 6 });
  pool.on('error', () => {});
});

afterAll(async () => {
  await pool?.end();
});

async function placeOrder(): Promise<string> {
  const order = await insertOrder(
    pool,
    { customerId: 'batch', items: [{ sku: 'ELEC-00001', quantity: 3, unitPriceCents: 100 }] },
    Date.now(),
  );
  return order.id;
}

async function order(id: string) {
  const found = await findOrder(pool, id);
  if (!found) throw new Error(`order ${id} is gone`);
  return found;
}

const POISON = '{"poison":true}';

/**
 * One receive's worth of answers: PENDING orders answered once, twice alike, twice differently;
 * an order already settled; an unknown UUID, an id that is no UUID, and a poison body. Order
 * `untouched` is PENDING and not answered.
 */
async function mixedBatch() {
  const ids = {
    reserved: await placeOrder(),
    rejected: await placeOrder(),
    repeated: await placeOrder(),
    contradicted: await placeOrder(),
    alreadyFinal: await placeOrder(),
    untouched: await placeOrder(),
  };
  await settleOrders(pool, [
    { orderId: ids.alreadyFinal, status: 'RESERVED', rejectionReasons: null },
  ]);
  const unknownUuid = crypto.randomUUID();
  const bodies = [
    reserved(ids.reserved),
    failed(ids.rejected),
    reserved(ids.repeated),
    reserved(ids.repeated),
    reserved(ids.contradicted),
    failed(ids.contradicted),
    failed(ids.alreadyFinal),
    reserved(unknownUuid),
    POISON,
    reserved('lt-not-a-uuid'),
  ];
  const before = {
    alreadyFinal: await order(ids.alreadyFinal),
    untouched: await order(ids.untouched),
  };
  return { ids, unknownUuid, bodies, before };
}

type Batch = Awaited<ReturnType<typeof mixedBatch>>;

/** Exactly the right rows changed, each as its first answer said; the others as they were. */
async function expectSettledAsAnswered({ ids, before }: Batch) {
  expect(await order(ids.reserved)).toMatchObject({ status: 'RESERVED', rejectionReasons: null });
  expect(await order(ids.rejected)).toMatchObject({
    status: 'REJECTED',
    rejectionReasons: OUT_OF_STOCK,
  });
  expect((await order(ids.repeated)).status).toBe('RESERVED');
  expect(await order(ids.contradicted)).toMatchObject({
    status: 'RESERVED',
    rejectionReasons: null,
  });
  expect(await order(ids.alreadyFinal)).toEqual(before.alreadyFinal);
  expect(await order(ids.untouched)).toEqual(before.untouched);
}

describe('applyOrderEventBatch', () => {
  it('applies a mixed batch in one go and sets only the poison message aside', async () => {
    const batch = await mixedBatch();
    const messages: Message[] = batch.bodies.map((Body, i) => ({ MessageId: `m${i}`, Body }));

    const result = await applyOrderEventBatch(pool, messages);

    await expectSettledAsAnswered(batch);
    expect(result).toMatchObject({
      settled: 4,
      alreadySettled: 3,
      unknownOrderIds: [batch.unknownUuid, 'lt-not-a-uuid'],
    });
    expect(result.poison.map((p) => p.message.Body)).toEqual([POISON]);
    expect(result.handled).toEqual(messages.filter((m) => m.Body !== POISON));
  });

  it('applies nothing and throws when the database fails, so nothing is deleted', async () => {
    const id = await placeOrder();
    const broken = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
    broken.on('error', () => {});
    try {
      await expect(
        applyOrderEventBatch(broken, [{ MessageId: 'm', Body: reserved(id) }]),
      ).rejects.toThrow();
    } finally {
      await broken.end();
    }
    expect((await order(id)).status).toBe('PENDING');
  });
});

describe('settleOrders', () => {
  it('settles each order once when replicas apply overlapping batches at the same time', async () => {
    // Arrange: two batches naming the same orders in opposite orders, and a transaction holding
    // the middle order, so that both batches are mid-way when it lets go. Locking rows in list
    // order would now deadlock: each batch holds the half of the rows the other still needs.
    const ids = (await Promise.all(Array.from({ length: 10 }, placeOrder))).sort();
    const reserve = ids.map((orderId) => ({
      orderId,
      status: 'RESERVED' as const,
      rejectionReasons: null,
    }));
    const reject = [...ids].reverse().map((orderId) => ({
      orderId,
      status: 'REJECTED' as const,
      rejectionReasons: OUT_OF_STOCK,
    }));
    const holder = await pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [ids[5]]);

    // Act
    const both = Promise.all([settleOrders(pool, reserve), settleOrders(pool, reject)]);
    const deadline = Date.now() + 10_000;
    while ((await waitingForLocks()) < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await holder.query('COMMIT');
    holder.release();
    const [a, b] = await both;

    // Assert: every order settled once, by one batch or the other.
    const settledByA = ids.filter((_id, i) => a[i] === 'settled');
    const settledByB = [...ids].reverse().filter((_id, i) => b[i] === 'settled');
    expect([...settledByA, ...settledByB].sort()).toEqual(ids);
    for (const id of settledByA) expect((await order(id)).status).toBe('RESERVED');
    for (const id of settledByB) expect((await order(id)).status).toBe('REJECTED');
  });
});

async function waitingForLocks(): Promise<number> {
  const result = await pool.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return result.rows[0].n;
}

describe('OrderEventsConsumer receiving a mixed batch from the local cloud SQS', () => {
  it('updates the right rows, deletes the handled messages in one call, leaves the poison one', async () => {
    // Arrange: the batch waits on the queue before the consumer starts, so one receive takes it.
    const sqs = new SQSClient(cloud.clientConfig);
    const commands: string[] = [];
    sqs.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'order-events-batch-test',
        Attributes: { VisibilityTimeout: '2' },
      }),
    );
    const batch = await mixedBatch();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.QueueUrl,
        Entries: batch.bodies.map((MessageBody, i) => ({ Id: `m${i}`, MessageBody })),
      }),
    );
    const consumer = new OrderEventsConsumer({
      sqs,
      pool,
      logger: silentLogger,
      queueUrl: queue.QueueUrl,
      waitTimeSeconds: 1,
    });
    commands.length = 0;

    // Act
    consumer.start();
    const { stats } = consumer;
    const deadline = Date.now() + 10_000;
    while (stats.applied + stats.duplicates + stats.unknownOrders + stats.poison < 10) {
      if (Date.now() > deadline) throw new Error(`batch not handled: ${JSON.stringify(stats)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await consumer.stop();

    // Assert: rows, counts, and one DeleteMessageBatch for the whole batch.
    await expectSettledAsAnswered(batch);
    expect(stats).toEqual({ applied: 4, duplicates: 3, unknownOrders: 2, poison: 1, failures: 0 });
    expect(commands.filter((c) => c === 'DeleteMessageBatchCommand')).toHaveLength(1);
    expect(commands).not.toContain('DeleteMessageCommand');

    // Assert: once its visibility timeout ends, the poison message is all the queue holds.
    const redelivered = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 5,
      }),
    );
    expect((redelivered.Messages ?? []).map((m) => m.Body)).toEqual([POISON]);
    expect(await queueCounts(sqs, queue.QueueUrl!)).toEqual({ visible: 0, inFlight: 1 });
  });
});
