/**
 * CloudWatch Logs of the RDS instances (`--target aws`): RDS publishes each instance's PostgreSQL
 * log to `/aws/rds/instance/<id>/postgresql` once log exports are enabled. Each event is one log
 * message; a multi-line statement arrives as one message with its tab-led continuation lines.
 */
import {
  CloudWatchLogsClient,
  type CloudWatchLogsClientConfig,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { SlowlogError } from '../errors.ts';
import type { ServiceName } from '../types.ts';
import type { LogSource } from './source.ts';

/** RDS instance ids, overridable per service with NOVAMART_RDS_CATALOG_ID / NOVAMART_RDS_ORDERS_ID. */
export function defaultRdsInstanceIds(env = process.env): Record<ServiceName, string> {
  return {
    catalog: env.NOVAMART_RDS_CATALOG_ID ?? 'novamart-catalog-postgres',
    orders: env.NOVAMART_RDS_ORDERS_ID ?? 'novamart-order-postgres',
  };
}

export function rdsLogGroupName(instanceId: string): string {
  return `/aws/rds/instance/${instanceId}/postgresql`;
}

export interface CloudWatchLogOptions {
  instanceId: string;
  sinceMs?: number;
  /** Client settings: region, credentials, or `endpoint` for a stand-in server. */
  clientConfig?: CloudWatchLogsClientConfig;
}

export function cloudWatchLogSource(
  service: ServiceName,
  options: CloudWatchLogOptions,
): LogSource {
  const logGroupName = rdsLogGroupName(options.instanceId);
  return { label: logGroupName, service, lines: () => cloudWatchLines(logGroupName, options) };
}

async function* cloudWatchLines(
  logGroupName: string,
  options: CloudWatchLogOptions,
): AsyncIterable<string> {
  const client = new CloudWatchLogsClient(options.clientConfig ?? {});
  try {
    let nextToken: string | undefined;
    do {
      const page = await client
        .send(
          new FilterLogEventsCommand({
            logGroupName,
            startTime: options.sinceMs,
            // Only duration lines and their DETAIL/continuations matter; filtering server-side
            // would drop the DETAIL lines, so every event is read.
            nextToken,
          }),
        )
        .catch((err: Error) => {
          throw new SlowlogError(
            'CloudWatchLogsFailed',
            `FilterLogEvents on ${logGroupName} failed: ${err.name}: ${err.message}; check the ` +
              'region and credentials, and that the instance exports its postgresql log',
            { cause: err },
          );
        });
      for (const event of page.events ?? []) {
        for (const line of (event.message ?? '').replace(/\n$/, '').split('\n')) yield line;
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } finally {
    client.destroy();
  }
}
