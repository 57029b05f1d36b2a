/**
 * PostgreSQL server settings, declared once. The CDK app turns them into the RDS parameter group,
 * the LocalStack compose file into `postgres -c` flags, and the embedded target passes them to the
 * `postgres` process it starts: one change here changes every target.
 */

export interface PostgresSettings {
  /** Statements slower than this are written to the log with their duration. @default 200 */
  logMinDurationStatementMs: number;
  /** Log files are written by the logging collector into this directory (relative to the data directory). @default 'log' */
  logDirectory: string;
  /** strftime pattern of the log file names; one file per day keeps the name predictable. */
  logFilename: string;
  /** Prefix of every log line: timestamp with ms, pid, then user@database for session lines. */
  logLinePrefix: string;
  /** Libraries loaded at server start; pg_stat_statements needs to be preloaded to record anything. */
  sharedPreloadLibraries: string[];
  /** Extensions created in every service database once the server is up. */
  extensions: string[];
  /** Upper bound on connections; services use small pools, each replica one pool. @default 200 */
  maxConnections: number;
}

export const DEFAULT_POSTGRES_SETTINGS: Readonly<PostgresSettings> = Object.freeze({
  logMinDurationStatementMs: 200,
  logDirectory: 'log',
  logFilename: 'postgresql-%Y-%m-%d.log',
  logLinePrefix: '%m [%p] %q%u@%d ',
  sharedPreloadLibraries: ['pg_stat_statements'],
  extensions: ['pg_stat_statements'],
  maxConnections: 200,
});

/** The settings with overrides applied, e.g. `{ logMinDurationStatementMs: 50 }` from a CLI flag. */
export function postgresSettings(overrides: Partial<PostgresSettings> = {}): PostgresSettings {
  return { ...DEFAULT_POSTGRES_SETTINGS, ...overrides };
}

/**
 * The settings as PostgreSQL parameter names and values, those an RDS parameter group accepts:
 * the CDK app puts these into its parameter group.
 */
export function postgresParameters(settings: PostgresSettings): Record<string, string> {
  return {
    log_min_duration_statement: String(settings.logMinDurationStatementMs),
    log_line_prefix: settings.logLinePrefix,
    shared_preload_libraries: settings.sharedPreloadLibraries.join(','),
    'pg_stat_statements.track': 'all',
    max_connections: String(settings.maxConnections),
  };
}

/**
 * Parameters for servers we run ourselves (embedded, compose). RDS owns its logging collector and
 * ships the files to CloudWatch, so these are not part of the parameter group.
 */
export function selfHostedLogParameters(settings: PostgresSettings): Record<string, string> {
  return {
    logging_collector: 'on',
    log_destination: 'stderr',
    log_directory: settings.logDirectory,
    log_filename: settings.logFilename,
    // One file per day by name, appended to, never truncated: readers find them all by pattern.
    log_rotation_size: '0',
    log_truncate_on_rotation: 'off',
  };
}

/** `postgres -c name=value` flags for a server we run ourselves. */
export function postgresFlags(settings: PostgresSettings): string[] {
  const parameters = { ...postgresParameters(settings), ...selfHostedLogParameters(settings) };
  return Object.entries(parameters).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
