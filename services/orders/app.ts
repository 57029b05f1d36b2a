/** The order service as a fastify app, without listening: tests inject, main.ts listens. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Logger } from '../../src/shared/logger.ts';
import { createServiceApp } from '../shared/http.ts';
import { registerOrderRoutes } from './routes.ts';

/** 99 lines of ~100 bytes fit in 10 KiB; 64 KiB leaves room and still stops abuse early. */
export const DEFAULT_ORDER_BODY_LIMIT_BYTES = 65_536;

export interface OrdersAppOptions {
  pool: pg.Pool;
  logger: Logger;
  bodyLimitBytes?: number;
  instanceId?: string;
  now?: () => number;
  onOrderCommitted?: () => void;
}

export function buildOrdersApp(options: OrdersAppOptions): FastifyInstance {
  const app = createServiceApp({
    service: 'orders',
    pool: options.pool,
    logger: options.logger,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_ORDER_BODY_LIMIT_BYTES,
    instanceId: options.instanceId,
  });
  registerOrderRoutes(app, {
    pool: options.pool,
    now: options.now ?? Date.now,
    onOrderCommitted: options.onOrderCommitted,
  });
  return app;
}
