/** The catalog service as a fastify app, without listening: tests inject, main.ts listens. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Logger } from '../../src/shared/logger.ts';
import { createServiceApp } from '../shared/http.ts';
import { CachedProductCount } from './product-count.ts';
import { registerProductRoutes } from './routes.ts';

export interface CatalogAppOptions {
  pool: pg.Pool;
  logger: Logger;
  /** @default 16384: the catalog takes no bodies worth more. */
  bodyLimitBytes?: number;
  instanceId?: string;
  /** How stale the total in paging metadata may be. @default 10000 */
  countCacheMs?: number;
}

export function buildCatalogApp(options: CatalogAppOptions): FastifyInstance {
  const app = createServiceApp({
    service: 'catalog',
    pool: options.pool,
    logger: options.logger,
    bodyLimitBytes: options.bodyLimitBytes ?? 16_384,
    instanceId: options.instanceId,
  });
  registerProductRoutes(
    app,
    options.pool,
    new CachedProductCount(options.pool, options.countCacheMs ?? 10_000),
  );
  return app;
}
