/** The order service's settings, all from the environment. */
import { EVENT_BUS_NAME } from '../../src/shared/names.ts';
import { databaseUrlFromEnv, envInteger, envString } from '../shared/config.ts';
import { DEFAULT_ORDER_BODY_LIMIT_BYTES } from './app.ts';

export interface OrdersConfig {
  /** PORT, @default 3002 */
  port: number;
  /** HOST, @default 127.0.0.1 (set 0.0.0.0 in containers) */
  host: string;
  /** ORDERS_DATABASE_URL or DATABASE_URL; undefined means PGHOST, PGUSER, ... */
  databaseUrl: string | undefined;
  /** INSTANCE_ID, sent as X-Instance. @default orders-<pid> */
  instanceId: string;
  /** BODY_LIMIT_BYTES, @default 65536 */
  bodyLimitBytes: number;
  /** PG_POOL_MAX, @default 10 */
  poolMax: number;
  /** AWS_REGION, @default us-east-1 */
  region: string;
  /** EVENTS_ENDPOINT, else AWS_ENDPOINT_URL_EVENTBRIDGE, else AWS_ENDPOINT_URL; none means AWS. */
  eventsEndpoint?: string;
  /** SQS_ENDPOINT, else AWS_ENDPOINT_URL_SQS, else AWS_ENDPOINT_URL; none means AWS. */
  sqsEndpoint?: string;
  /** EVENT_BUS_NAME, @default novamart-bus */
  eventBusName: string;
  /** ORDER_EVENTS_QUEUE_URL; when unset the queue is looked up by name. */
  orderEventsQueueUrl?: string;
  /** OUTBOX_POLL_INTERVAL_MS, @default 250 */
  outboxPollIntervalMs: number;
  /** OUTBOX_MAX_BACKOFF_MS, @default 30000 */
  outboxMaxBackoffMs: number;
  /** ORDER_EVENTS_CONSUMER=off disables the consumer (e.g. a replica that only serves HTTP). */
  consumerEnabled: boolean;
}

export function ordersConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OrdersConfig {
  const shared = env.AWS_ENDPOINT_URL || undefined;
  return {
    port: envInteger(env, 'PORT', 3002, { min: 0, max: 65_535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    databaseUrl: databaseUrlFromEnv(env, 'orders'),
    instanceId: envString(env, 'INSTANCE_ID', `orders-${process.pid}`),
    bodyLimitBytes: envInteger(env, 'BODY_LIMIT_BYTES', DEFAULT_ORDER_BODY_LIMIT_BYTES, {
      min: 1_024,
      max: 10_485_760,
    }),
    poolMax: envInteger(env, 'PG_POOL_MAX', 10, { min: 1, max: 100 }),
    region: envString(env, 'AWS_REGION', 'us-east-1'),
    eventsEndpoint: env.EVENTS_ENDPOINT || env.AWS_ENDPOINT_URL_EVENTBRIDGE || shared,
    sqsEndpoint: env.SQS_ENDPOINT || env.AWS_ENDPOINT_URL_SQS || shared,
    eventBusName: envString(env, 'EVENT_BUS_NAME', EVENT_BUS_NAME),
    orderEventsQueueUrl: env.ORDER_EVENTS_QUEUE_URL || undefined,
    outboxPollIntervalMs: envInteger(env, 'OUTBOX_POLL_INTERVAL_MS', 250, { min: 10, max: 60_000 }),
    outboxMaxBackoffMs: envInteger(env, 'OUTBOX_MAX_BACKOFF_MS', 30_000, {
      min: 100,
      max: 600_000,
    }),
    consumerEnabled: env.ORDER_EVENTS_CONSUMER !== 'off',
  };
}
