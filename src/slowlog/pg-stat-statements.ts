/**
 * The top entries of `pg_stat_statements` for one database: what PostgreSQL itself counted, fast
 * statements included, next to what the slow log caught.
 */
import pg from 'pg';

export interface PgStatStatement {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
}

export type PgStatStatementsResult =
  | { available: true; statements: PgStatStatement[] }
  | { available: false; reason: string };

const CONNECT_TIMEOUT_MS = 5_000;

export async function readPgStatStatements(
  databaseUrl: string,
  top: number,
): Promise<PgStatStatementsResult> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
  } catch (err) {
    return { available: false, reason: `cannot connect: ${(err as Error).message}` };
  }
  try {
    const installed = await client.query(
      "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'",
    );
    if (installed.rowCount === 0) {
      return {
        available: false,
        reason: 'the pg_stat_statements extension is not created in this database',
      };
    }
    // Only this database's statements: the view covers the whole server.
    const result = await client.query<{
      query: string;
      calls: string;
      total_ms: number;
      mean_ms: number;
      rows: string;
    }>(
      `SELECT query, calls, total_exec_time AS total_ms, mean_exec_time AS mean_ms, rows
         FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        ORDER BY total_exec_time DESC
        LIMIT $1`,
      [top],
    );
    const statements = result.rows.map((row) => ({
      query: row.query.replace(/\s+/g, ' ').trim(),
      calls: Number(row.calls),
      totalMs: round3(row.total_ms),
      meanMs: round3(row.mean_ms),
      rows: Number(row.rows),
    }));
    return { available: true, statements };
  } catch (err) {
    // e.g. "pg_stat_statements must be loaded via shared_preload_libraries"
    return { available: false, reason: (err as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
