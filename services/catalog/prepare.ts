/**
 * Readies a catalog database: migrations, then the generated data. The deployer calls this once
 * before starting replicas; each replica calls it again at start, which is then a no-op.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateDatabase } from '../shared/migrate.ts';
import { type SeedOptions, seedCatalogue } from './seed.ts';

export const CATALOG_MIGRATIONS_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'migrations',
);

export async function prepareCatalogDatabase(
  databaseUrl: string | undefined,
  options: SeedOptions,
): Promise<void> {
  await migrateDatabase(databaseUrl, CATALOG_MIGRATIONS_DIR, options.logger);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await seedCatalogue(pool, options);
  } finally {
    await pool.end();
  }
}
