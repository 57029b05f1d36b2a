/**
 * Schema migrations with node-pg-migrate, from plain `.sql` files (`-- Up Migration` /
 * `-- Down Migration` sections) so they run the same from tsx, vitest or a container. Its
 * advisory lock makes concurrent replicas safe: one migrates, the others wait and find nothing
 * left to do.
 */
import { runner } from 'node-pg-migrate';
import type { Logger } from '../../src/shared/logger.ts';

/** `databaseUrl` undefined: connect with libpq's PG* environment variables. */
export async function migrateDatabase(
  databaseUrl: string | undefined,
  migrationsDir: string,
  logger: Logger,
): Promise<string[]> {
  const applied = await runner({
    databaseUrl: databaseUrl ?? {},
    dir: migrationsDir,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    // Replicas starting together: the others wait for the lock instead of failing.
    advisoryLockMode: 'wait',
    logger: {
      debug: () => {},
      info: (message: string) => logger.debug({ migration: message }, 'migration'),
      warn: (message: string) => logger.warn({ migration: message }, 'migration'),
      error: (message: string) => logger.error({ migration: message }, 'migration'),
    },
  });
  if (applied.length > 0)
    logger.info({ applied: applied.map((m) => m.name) }, 'migrations applied');
  return applied.map((migration) => migration.name);
}
