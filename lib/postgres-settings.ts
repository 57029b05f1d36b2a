/**
 * The PostgreSQL server settings every target uses: the RDS parameter group is built from these,
 * and the embedded PostgreSQL and the compose containers take the same values from here, so the
 * slow-query log means the same thing everywhere.
 */

/** Statements slower than this are logged, like the seed's 200 ms threshold. */
export const DEFAULT_SLOW_QUERY_MS = 200;

export function postgresSettings(slowQueryMs = DEFAULT_SLOW_QUERY_MS): Record<string, string> {
  return {
    log_min_duration_statement: String(slowQueryMs),
    // Loaded at start so pg_stat_statements can count and time normalized statements.
    shared_preload_libraries: 'pg_stat_statements',
    // Only the slow ones (above) are logged, not every statement.
    log_statement: 'none',
  };
}
