/**
 * The `postgres -c name=value` flags the compose PostgreSQL containers must run with: the CDK
 * app's parameter group (slow-query threshold, pg_stat_statements) plus logging to stderr, so
 * `docker logs novamart-catalog-postgres` shows the slow statements with the prefix the slow-query
 * reader parses. The compose file is static YAML; a test compares its flags with these.
 */
import {
  DEFAULT_POSTGRES_SETTINGS,
  type PostgresSettings,
  parameterGroupParameters,
} from '../postgres/settings.ts';

export function composePostgresParameters(
  settings: PostgresSettings = DEFAULT_POSTGRES_SETTINGS,
): Record<string, string> {
  return {
    ...parameterGroupParameters(settings),
    // No collector: the server writes to stderr, which Docker keeps and `docker logs` replays.
    logging_collector: 'off',
    log_destination: 'stderr',
    log_line_prefix: settings.logLinePrefix,
    max_connections: String(settings.maxConnections),
  };
}
