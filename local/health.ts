/** `GET /_localstack/health` in LocalStack's shape, so scripts that wait for LocalStack wait for us too. */
import type { ServiceName } from './types.ts';

export const LOCAL_CLOUD_VERSION = '0.1.0';

export function healthBody(services: ServiceName[]): string {
  const status: Record<string, string> = {};
  for (const name of services) status[name] = 'running';
  return JSON.stringify({
    services: status,
    edition: 'novamart-local',
    version: LOCAL_CLOUD_VERSION,
  });
}
