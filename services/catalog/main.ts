/**
 * The catalog service as a process: `node --import tsx services/catalog/main.ts`.
 * Configured by the environment (see config.ts); stops cleanly on SIGTERM or SIGINT.
 */
import pg from 'pg';
import { createLogger } from '../../src/shared/logger.ts';
import { buildCatalogApp } from './app.ts';
import { catalogConfigFromEnv } from './config.ts';
import { prepareCatalogDatabase } from './prepare.ts';

const config = catalogConfigFromEnv();
const logger = createLogger(config.instanceId);

await prepareCatalogDatabase(config.databaseUrl, {
  logger,
  priceHistoryHours: config.priceHistoryHours,
});
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolMax });
pool.on('error', (err) => logger.warn({ err }, 'idle database connection failed'));
const app = buildCatalogApp({
  pool,
  logger,
  instanceId: config.instanceId,
  bodyLimitBytes: config.bodyLimitBytes,
});
await app.listen({ port: config.port, host: config.host });
logger.info({ port: config.port, host: config.host }, 'catalog listening');

async function shutdown(signal: string) {
  logger.info({ signal }, 'catalog stopping');
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
