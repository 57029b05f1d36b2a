/** Readies an orders database: its migrations. Safe to run from every replica at start. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../src/shared/logger.ts';
import { migrateDatabase } from '../shared/migrate.ts';

export const ORDERS_MIGRATIONS_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

export async function prepareOrdersDatabase(
  databaseUrl: string | undefined,
  logger: Logger,
): Promise<void> {
  await migrateDatabase(databaseUrl, ORDERS_MIGRATIONS_DIR, logger);
}
