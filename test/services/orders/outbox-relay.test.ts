import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type LocalCloud, startLocalCloud } from '../../../local/server.ts';
import { buildOrdersApp } from '../../../services/orders/app.ts';
import {
  createEventBridgeClient,
  EventBridgePublisher,
} from '../../../services/orders/event-publisher.ts';
import { OutboxRelay } from '../../../services/orders/outbox-relay.ts';
import { prepareOrdersDatabase } from '../../../services/orders/prepare.ts';
import { eventEnvelopeSchema, orderPlacedSchema } from '../../../src/shared/events.ts';
import { findFreePort } from '../../../src/shared/free-port.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { EVENT_BUS_NAME, ORDER_EVENT_SOURCE } from '../../../src/shared/names.ts';
import { TEST_CREDENTIALS } from '../../helpers/cloud.ts';
import { usePostgres } from '../../helpers/postgres.ts';
import { type PutEventsStandIn, startPutEventsStandIn } from './put-events-stand-in.ts';

const postgres = usePostgres(['orders']);
let pool: pg.Pool;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  await prepareOrdersDatabase(postgres.urls.orders, silentLogger);
  pool = new pg.Pool({ connectionString: postgres.urls.orders, max: 8 });
  pool.on('error', () => {});
});

afterAll(async () => {
  await pool?.end();
});

beforeEach(async () => {
  await pool.query('TRUNCATE orders, order_lines, outbox');
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

function startRelay(endpoint: string, idlePollMaxMs?: number): OutboxRelay {
  const client = createEventBridgeClient({
    endpoint,
    region: 'us-east-1',
    connectionTimeoutMs: 500,
  });
  const relay = new OutboxRelay({
    pool,
    logger: silentLogger,
    publisher: new EventBridgePublisher(client),
    pollIntervalMs: 50,
    baseBackoffMs: 50,
    maxBackoffMs: 300,
    idlePollMaxMs,
  });
  relays.push(relay);
  relay.start();
  return relay;
}

async function placeOrders(app: FastifyInstance, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await app.inject({
      method: 'POST',
      url: '/orders',
      payload: {
        customerId: `c-${i % 3}`,
        items: [
          { sku: `ELEC-${String(i + 1).padStart(5, '0')}`, quantity: 1, unitPriceCents: 100 },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    ids.push(response.json().id);
  }
  return ids;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const unpublished = async () =>
  Number(
    (await pool.query('SELECT count(*) FROM outbox WHERE published_at IS NULL')).rows[0].count,
  );

describe('outbox relay with EventBridge unreachable, then back (real local cloud)', () => {
  let cloud: LocalCloud | undefined;

  afterAll(async () => {
    await cloud?.close();
  });

  it('accepts every order meanwhile and later publishes each order.placed, none lost', async () => {
    // Arrange: EventBridge's port is chosen but nothing listens there yet.
    const port = await findFreePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const relay = startRelay(endpoint);
    const app = buildOrdersApp({
      pool,
      logger: silentLogger,
      onOrderCommitted: () => relay.wake(),
    });

    // Act 1: orders while EventBridge is down.
    const orderIds = await placeOrders(app, 25);
    await waitFor(
      async () => (await pool.query('SELECT 1 FROM outbox WHERE attempts = 0')).rowCount === 0,
    );

    // Assert 1: every order committed, nothing marked published.
    expect(await unpublished()).toBe(25);
    const lastErrors = await pool.query(
      'SELECT DISTINCT attempts > 0 AS retried, last_error IS NOT NULL AS noted FROM outbox',
    );
    expect(lastErrors.rows).toEqual([{ retried: true, noted: true }]);

    // Act 2: EventBridge comes back, with a rule routing order.placed to a queue. Until the rule
    // exists, a transaction holds the outbox rows so the relay's SKIP LOCKED passes them over.
    const holder = await pool.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM outbox FOR UPDATE');
    cloud = await startLocalCloud({ port, logger: silentLogger });
    const clientConfig = { endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
    const events = new EventBridgeClient(clientConfig);
    const sqs = new SQSClient(clientConfig);
    await events.send(new CreateEventBusCommand({ Name: EVENT_BUS_NAME }));
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'order-placed-observer' }));
    await events.send(
      new PutRuleCommand({
        Name: 'observe-orders',
        EventBusName: EVENT_BUS_NAME,
        EventPattern: JSON.stringify({
          source: [ORDER_EVENT_SOURCE],
          'detail-type': ['order.placed'],
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'observe-orders',
        EventBusName: EVENT_BUS_NAME,
        Targets: [
          { Id: 'observer', Arn: `arn:aws:sqs:us-east-1:000000000000:order-placed-observer` },
        ],
      }),
    );
    await holder.query('COMMIT');
    holder.release();
    await waitFor(async () => (await unpublished()) === 0);

    // Assert 2: a consumer that dedups by orderId sees every order exactly once.
    const seen = new Map<string, number>();
    while ([...seen.keys()].length < orderIds.length) {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queue.QueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );
      const messages = received.Messages ?? [];
      if (messages.length === 0) break;
      for (const message of messages) {
        const envelope = eventEnvelopeSchema.parse(JSON.parse(message.Body ?? ''));
        expect(envelope.source).toBe(ORDER_EVENT_SOURCE);
        const detail = orderPlacedSchema.parse(envelope.detail);
        seen.set(detail.orderId, (seen.get(detail.orderId) ?? 0) + 1);
      }
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queue.QueueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
    }
    expect([...seen.keys()].sort()).toEqual([...orderIds].sort());
    expect(relay.stats.published).toBe(25);
  });
});

describe('outbox relay against a PutEvents stand-in', () => {
  let standIn: PutEventsStandIn;

  beforeEach(async () => {
    standIn = await startPutEventsStandIn();
  });

  afterEach(async () => {
    await standIn.close();
  });

  it('retries only the entries PutEvents failed, in batches of at most 10', async () => {
    // Arrange: the first two calls fail every other entry.
    standIn.shouldFail = (entry, call) =>
      call <= 2 && JSON.parse(entry.Detail).customerId === 'c-1';
    const relay = startRelay(standIn.endpoint);
    const app = buildOrdersApp({ pool, logger: silentLogger });

    // Act
    const orderIds = await placeOrders(app, 23);
    await waitFor(async () => (await unpublished()) === 0);

    // Assert
    const published = standIn.accepted.map((entry) => JSON.parse(entry.Detail).orderId);
    expect(new Set(published)).toEqual(new Set(orderIds));
    // Accepted entries are never sent again; failed ones are sent until accepted.
    expect(published).toHaveLength(orderIds.length);
    expect(relay.stats.failedAttempts).toBeGreaterThan(0);
    expect(
      standIn.accepted.every(
        (e) => e.EventBusName === EVENT_BUS_NAME && e.Source === ORDER_EVENT_SOURCE,
      ),
    ).toBe(true);
    expect(standIn.calls).toBeGreaterThanOrEqual(3);
  });

  it('lets several relays drain one outbox without publishing a row twice (SKIP LOCKED)', async () => {
    // Arrange: orders first, then three relays start at once.
    const app = buildOrdersApp({ pool, logger: silentLogger });
    const orderIds = await placeOrders(app, 40);
    const three = [
      startRelay(standIn.endpoint),
      startRelay(standIn.endpoint),
      startRelay(standIn.endpoint),
    ];

    // Act
    await waitFor(async () => (await unpublished()) === 0);

    // Assert
    const published = standIn.accepted.map((entry) => JSON.parse(entry.Detail).orderId);
    expect(published.sort()).toEqual([...orderIds].sort());
    expect(three.reduce((sum, relay) => sum + relay.stats.published, 0)).toBe(40);
  });

  it('polls ever less often while idle, yet publishes a committed order at once', async () => {
    // Arrange: a relay polling every 50 ms when busy, at most every 5 s when idle.
    const relay = startRelay(standIn.endpoint, 5_000);
    const passes = vi.spyOn(relay, 'relayOnce');
    const app = buildOrdersApp({
      pool,
      logger: silentLogger,
      onOrderCommitted: () => relay.wake(),
    });

    // Act 1: idle for 1.6 s.
    await new Promise((resolve) => setTimeout(resolve, 1_600));

    // Assert 1: pauses of 50, 100, 200, 400, 800 ms: a handful of passes, not 1.6 s / 50 ms = 32.
    expect(passes.mock.calls.length).toBeLessThanOrEqual(8);

    // Act 2 and assert 2: an order goes out long before the next idle poll (about 1.6 s away).
    const started = Date.now();
    await placeOrders(app, 1);
    await waitFor(async () => (await unpublished()) === 0, 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops cleanly and keeps running through a failing database', async () => {
    const relay = startRelay(standIn.endpoint);
    await pool.query('ALTER TABLE outbox RENAME TO outbox_away');
    try {
      await waitFor(async () => relay.stats.passErrors > 0);
      expect(relay.state).toBe('running');
    } finally {
      await pool.query('ALTER TABLE outbox_away RENAME TO outbox');
    }

    await relay.stop();

    expect(relay.state).toBe('stopped');
  });
});
