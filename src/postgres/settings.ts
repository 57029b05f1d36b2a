/**
 * How an embedded PostgreSQL server is configured. Two parts:
 *
 * - the parameter group: the same `name -> value` map the CDK app gives RDS
 *   (lib/postgres-settings.ts, or the `Parameters` of the template's parameter group, which the
 *   deployer may pass instead), so one change in the CDK app changes every target;
 * - the self-hosted logging RDS does for itself: the logging collector writing files into a known
 *   directory with a stable name pattern and a line prefix the slow-query reader parses.
 */
import {
  DEFAULT_SLOW_QUERY_MS,
  postgresSettings as parameterGroupSettings,
} from '../../lib/postgres-settings.ts';

export interface PostgresSettings {
  /** Statements slower than this are logged with their duration. @default 200 (the CDK app's default) */
  logMinDurationStatementMs: number;
  /** strftime pattern of log file names; one file per day keeps names predictable. */
  logFilename: string;
  /** Timestamp with ms, pid, then user@database for session lines: `%m [%p] %q%u@%d `. */
  logLinePrefix: string;
  /** Extensions created in every service database once the server is up. */
  extensions: string[];
  /** @default 200: replicas each hold a small pool. */
  maxConnections: number;
}

export const DEFAULT_POSTGRES_SETTINGS: Readonly<PostgresSettings> = Object.freeze({
  logMinDurationStatementMs: DEFAULT_SLOW_QUERY_MS,
  logFilename: 'postgresql-%Y-%m-%d.log',
  logLinePrefix: '%m [%p] %q%u@%d ',
  extensions: ['pg_stat_statements'],
  maxConnections: 200,
});

/** The settings with overrides applied, e.g. `{ logMinDurationStatementMs: 50 }`. */
export function postgresSettings(overrides: Partial<PostgresSettings> = {}): PostgresSettings {
  return { ...DEFAULT_POSTGRES_SETTINGS, ...overrides };
}

/** What RDS gets from its parameter group, for the given threshold. */
export function parameterGroupParameters(settings: PostgresSettings): Record<string, string> {
  return parameterGroupSettings(settings.logMinDurationStatementMs);
}

/** Logging RDS does itself and a server we run must be told: files on disk, stable names. */
export function selfHostedParameters(
  settings: PostgresSettings,
  logDir: string,
): Record<string, string> {
  return {
    logging_collector: 'on',
    log_destination: 'stderr',
    log_directory: logDir,
    log_filename: settings.logFilename,
    log_line_prefix: settings.logLinePrefix,
    // One file per day by name, appended to, never truncated: readers find them all by pattern.
    log_rotation_size: '0',
    log_truncate_on_rotation: 'off',
    max_connections: String(settings.maxConnections),
  };
}

/**
 * `postgres -c name=value` flags. `parameterGroup` overrides the CDK app's defaults when given
 * (the deployer reads it from the synthesized template); the self-hosted logging always applies.
 */
export function postgresFlags(
  settings: PostgresSettings,
  logDir: string,
  parameterGroup: Record<string, string> = parameterGroupParameters(settings),
): string[] {
  const parameters = { ...parameterGroup, ...selfHostedParameters(settings, logDir) };
  return Object.entries(parameters).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
}
