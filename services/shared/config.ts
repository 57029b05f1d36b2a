/** Reading service settings from the environment, with the failure naming the variable. */

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function envString(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`Set ${name}: it is required.`);
}

export function envInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(
      `${name} must be an integer from ${range.min} to ${range.max}; got "${raw}".`,
    );
  }
  return value;
}

/**
 * The service's database: `<SERVICE>_DATABASE_URL`, then `DATABASE_URL` (the embedded deployer
 * sets one to the server it started; any other PostgreSQL works the same way). Undefined means
 * libpq's own variables (PGHOST, PGUSER, PGPASSWORD, ...), which the ECS task definition sets
 * from the RDS secret and `pg` reads by itself.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv, service: string): string | undefined {
  const specific = `${service.toUpperCase()}_DATABASE_URL`;
  const url = env[specific] || env.DATABASE_URL;
  if (url) return url;
  if (env.PGHOST) return undefined;
  throw new ConfigError(
    `Set ${specific} or DATABASE_URL to a PostgreSQL connection string (or PGHOST and friends).`,
  );
}
