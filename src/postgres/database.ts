/** Creating a service's database and its extensions on a server we may or may not own. */
import pg from 'pg';
import type { Logger } from '../shared/logger.ts';

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (err) {
    // Two processes racing to create the same database: the loser sees unique_violation (23505)
    // or duplicate_database (42P04); either way the database now exists.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P04') throw err;
  } finally {
    await client.end();
  }
}

/**
 * Creates each extension in the database. An extension the server cannot provide (a managed
 * PostgreSQL without it, or one without the library preloaded) is logged and skipped: the
 * services work without them, only slow-query inspection loses detail.
 */
export async function ensureExtensions(
  databaseUrl: string,
  extensions: readonly string[],
  logger: Logger,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const created: string[] = [];
  try {
    for (const extension of extensions) {
      try {
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${client.escapeIdentifier(extension)}`);
        created.push(extension);
      } catch (err) {
        logger.warn({ err, extension }, 'extension not available; continuing without it');
      }
    }
  } finally {
    await client.end();
  }
  return created;
}
