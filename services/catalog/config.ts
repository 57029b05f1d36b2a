/** The catalog's settings, all from the environment. */
import { databaseUrlFromEnv, envInteger, envString } from '../shared/config.ts';
import { DEFAULT_PRICE_HISTORY_HOURS } from './seed.ts';

export interface CatalogConfig {
  /** PORT, @default 3001 */
  port: number;
  /** HOST, @default 127.0.0.1 (set 0.0.0.0 in containers) */
  host: string;
  /** CATALOG_DATABASE_URL or DATABASE_URL; undefined means PGHOST, PGUSER, ... */
  databaseUrl: string | undefined;
  /** INSTANCE_ID, sent as X-Instance. @default catalog-<pid> */
  instanceId: string;
  /** BODY_LIMIT_BYTES, @default 16384 */
  bodyLimitBytes: number;
  /** PG_POOL_MAX, connections per replica. @default 10 */
  poolMax: number;
  /** CATALOG_PRICE_HISTORY_HOURS, price points per product generated once. @default 1440 */
  priceHistoryHours: number;
}

export function catalogConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CatalogConfig {
  return {
    port: envInteger(env, 'PORT', 3001, { min: 0, max: 65_535 }),
    host: envString(env, 'HOST', '127.0.0.1'),
    databaseUrl: databaseUrlFromEnv(env, 'catalog'),
    instanceId: envString(env, 'INSTANCE_ID', `catalog-${process.pid}`),
    bodyLimitBytes: envInteger(env, 'BODY_LIMIT_BYTES', 16_384, { min: 1_024, max: 10_485_760 }),
    poolMax: envInteger(env, 'PG_POOL_MAX', 10, { min: 1, max: 100 }),
    priceHistoryHours: envInteger(env, 'CATALOG_PRICE_HISTORY_HOURS', DEFAULT_PRICE_HISTORY_HOURS, {
      min: 0,
      max: 100_000,
    }),
  };
}
