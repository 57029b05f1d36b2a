/**
 * The order service as a process: `node --import tsx services/orders/main.ts`. HTTP API, outbox
 * relay and order-events consumer in one process; each replica runs all three (the relay's
 * SKIP LOCKED and the queue's visibility timeout keep replicas from doing the same work).
 * Configured by the environment (see config.ts); stops cleanly on SIGTERM or SIGINT.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import pg from 'pg';
import { createLogger } from '../../src/shared/logger.ts';
import { buildOrdersApp } from './app.ts';
import { ordersConfigFromEnv } from './config.ts';
import { createEventBridgeClient, EventBridgePublisher } from './event-publisher.ts';
import { OrderEventsConsumer } from './order-events-consumer.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { prepareOrdersDatabase } from './prepare.ts';

const config = ordersConfigFromEnv();
const logger = createLogger(config.instanceId);

await prepareOrdersDatabase(config.databaseUrl, logger);
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolMax });
pool.on('error', (err) => logger.warn({ err }, 'idle database connection failed'));

const relay = new OutboxRelay({
  pool,
  logger,
  publisher: new EventBridgePublisher(
    createEventBridgeClient({ endpoint: config.eventsEndpoint, region: config.region }),
    config.eventBusName,
  ),
  pollIntervalMs: config.outboxPollIntervalMs,
  maxBackoffMs: config.outboxMaxBackoffMs,
});
const sqs = new SQSClient({
  endpoint: config.sqsEndpoint,
  region: config.region,
  ...(config.sqsEndpoint && !process.env.AWS_ACCESS_KEY_ID
    ? { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }
    : {}),
});
const consumer = new OrderEventsConsumer({
  sqs,
  pool,
  logger,
  queueUrl: config.orderEventsQueueUrl,
});

const app = buildOrdersApp({
  pool,
  logger,
  instanceId: config.instanceId,
  bodyLimitBytes: config.bodyLimitBytes,
  onOrderCommitted: () => relay.wake(),
});
await app.listen({ port: config.port, host: config.host });
relay.start();
if (config.consumerEnabled) consumer.start();
logger.info({ port: config.port, host: config.host }, 'orders listening');

async function shutdown(signal: string) {
  logger.info({ signal }, 'orders stopping');
  await app.close();
  await Promise.all([relay.stop(), consumer.stop()]);
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
