/**
 * CloudWatch Logs of the RDS instances (`--target aws`): RDS publishes each instance's PostgreSQL
 * log to `/aws/rds/instance/<id>/postgresql` once log exports are enabled. Each event is one log
 * message; a multi-line statement arrives as one message with its tab-led continuation lines.
 */
import {
  CloudWatchLogsClient,
  type CloudWatchLogsClientConfig,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { SlowlogError } from '../errors.ts';
import { serviceFromName } from '../services.ts';
import type { ServiceName } from '../types.ts';
import type { LogSource } from './source.ts';

const RDS_LOG_GROUP_PREFIX = '/aws/rds/instance/';

export function rdsLogGroupName(instanceId: string): string {
  return `${RDS_LOG_GROUP_PREFIX}${instanceId}/postgresql`;
}

/** Instance ids set with NOVAMART_RDS_CATALOG_ID / NOVAMART_RDS_ORDERS_ID. */
export function rdsInstanceIdsFromEnv(env = process.env): Partial<Record<ServiceName, string>> {
  const ids: Partial<Record<ServiceName, string>> = {};
  if (env.NOVAMART_RDS_CATALOG_ID) ids.catalog = env.NOVAMART_RDS_CATALOG_ID;
  if (env.NOVAMART_RDS_ORDERS_ID) ids.orders = env.NOVAMART_RDS_ORDERS_ID;
  return ids;
}

/**
 * Finds each wanted service's instance among the RDS PostgreSQL log groups. The CDK app lets
 * CloudFormation name the instances, and a generated name holds the construct id
 * (`...-catalogdatabaseinstance...`), so the service's name in the instance id picks it.
 */
export async function discoverRdsInstanceIds(
  wanted: readonly ServiceName[],
  clientConfig: CloudWatchLogsClientConfig = {},
): Promise<Record<ServiceName, string>> {
  const client = new CloudWatchLogsClient(clientConfig);
  const found: Partial<Record<ServiceName, string>> = {};
  try {
    let nextToken: string | undefined;
    do {
      const page = await client
        .send(new DescribeLogGroupsCommand({ logGroupNamePrefix: RDS_LOG_GROUP_PREFIX, nextToken }))
        .catch((err: Error) => {
          throw cloudWatchError('DescribeLogGroups', RDS_LOG_GROUP_PREFIX, err);
        });
      for (const group of page.logGroups ?? []) {
        const name = group.logGroupName ?? '';
        if (!name.endsWith('/postgresql')) continue;
        const instanceId = name.slice(RDS_LOG_GROUP_PREFIX.length, -'/postgresql'.length);
        const service = serviceFromName(instanceId);
        if (service && !found[service]) found[service] = instanceId;
      }
      nextToken = page.nextToken;
    } while (nextToken);
  } finally {
    client.destroy();
  }
  const missing = wanted.filter((service) => !found[service]);
  if (missing.length > 0) {
    throw new SlowlogError(
      'RdsLogGroupNotFound',
      `no ${RDS_LOG_GROUP_PREFIX}<id>/postgresql log group names the ${missing.join(' and ')} ` +
        'service; set NOVAMART_RDS_CATALOG_ID / NOVAMART_RDS_ORDERS_ID to the RDS instance ids',
    );
  }
  return found as Record<ServiceName, string>;
}

function cloudWatchError(operation: string, logGroup: string, err: Error): SlowlogError {
  return new SlowlogError(
    'CloudWatchLogsFailed',
    `${operation} on ${logGroup} failed: ${err.name}: ${err.message}; check the region and ` +
      'credentials, and that the instance exports its postgresql log',
    { cause: err },
  );
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
          throw cloudWatchError('FilterLogEvents', logGroupName, err);
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
