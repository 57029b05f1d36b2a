import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/shared/logger.ts';
import { parseLogLines } from '../../../src/slowlog/log-parser.ts';
import { buildSlowlogReport } from '../../../src/slowlog/run.ts';
import {
  cloudWatchLogSource,
  discoverRdsInstanceIds,
} from '../../../src/slowlog/sources/cloudwatch.ts';
import type { SlowLogEntry } from '../../../src/slowlog/types.ts';
import { fixtureLines } from '../fixture-lines.ts';

const CATALOG_INSTANCE = 'catalog-db-1';
// How CloudFormation names an instance the CDK app leaves unnamed: stack, construct id, suffix.
const GENERATED_CATALOG = 'novamartstack-catalogdatabaseinstance1a2b3c-x9y8z7';
const GENERATED_ORDERS = 'novamartstack-ordersdatabaseinstance4d5e6f-q1w2e3';

/**
 * Answers the two operations the aws source calls (JSON 1.1 protocol): DescribeLogGroups, and
 * FilterLogEvents with the RDS fixture split over two pages: one event per log message,
 * continuation lines inside it.
 */
function filterLogEventsServer(
  requests: Record<string, unknown>[],
  options: { rdsLogGroups?: string[] } = {},
): Server {
  const lines = fixtureLines('rds-catalog.log');
  const messages = [lines[0], `${lines[1]}\n${lines[2]}`, lines[3]];
  const pages = [messages.slice(0, 2), messages.slice(2)];
  return createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const input = JSON.parse(body) as { logGroupName: string; nextToken?: string };
    requests.push({ target: req.headers['x-amz-target'], ...input });
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    if (req.headers['x-amz-target'] === 'Logs_20140328.DescribeLogGroups') {
      const names = options.rdsLogGroups ?? [
        '/aws/rds/instance/unrelated-db/postgresql',
        `/aws/rds/instance/${GENERATED_CATALOG}/postgresql`,
        `/aws/rds/instance/${GENERATED_ORDERS}/upgrade`,
        `/aws/rds/instance/${GENERATED_ORDERS}/postgresql`,
      ];
      const logGroups = names.map((logGroupName) => ({ logGroupName }));
      res.end(JSON.stringify({ logGroups }));
      return;
    }
    if (input.logGroupName === `/aws/rds/instance/${GENERATED_ORDERS}/postgresql`) {
      res.end(JSON.stringify({ events: [] }));
      return;
    }
    const catalogGroups = [CATALOG_INSTANCE, GENERATED_CATALOG].map(
      (id) => `/aws/rds/instance/${id}/postgresql`,
    );
    if (!catalogGroups.includes(input.logGroupName)) {
      res.statusCode = 400;
      res.setHeader('x-amzn-errortype', 'ResourceNotFoundException');
      res.end(
        JSON.stringify({
          __type: 'ResourceNotFoundException',
          message: 'The specified log group does not exist.',
        }),
      );
      return;
    }
    const pageIndex = input.nextToken ? Number(input.nextToken) : 0;
    const events = pages[pageIndex].map((message, i) => ({
      logStreamName: 'catalog-db-1',
      timestamp: 1_772_467_200_000 + i,
      message,
      eventId: `${pageIndex}-${i}`,
    }));
    const nextToken = pageIndex + 1 < pages.length ? String(pageIndex + 1) : undefined;
    res.end(JSON.stringify({ events, nextToken, searchedLogStreams: [] }));
  });
}

describe('cloudWatchLogSource (against a local FilterLogEvents stand-in, not AWS)', () => {
  const requests: Record<string, unknown>[] = [];
  const server = filterLogEventsServer(requests);
  let endpoint = '';
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const clientConfig = () => ({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

  it('reads every page of the instance log group from --since on', async () => {
    const source = cloudWatchLogSource('catalog', {
      instanceId: CATALOG_INSTANCE,
      sinceMs: 1_772_400_000_000,
      clientConfig: clientConfig(),
    });
    const entries: SlowLogEntry[] = [];

    const stats = await parseLogLines(source.lines(), (entry) => entries.push(entry));

    expect(source.label).toBe('/aws/rds/instance/catalog-db-1/postgresql');
    expect(requests.map((r) => [r.target, r.startTime, r.nextToken])).toEqual([
      ['Logs_20140328.FilterLogEvents', 1_772_400_000_000, undefined],
      ['Logs_20140328.FilterLogEvents', 1_772_400_000_000, '1'],
    ]);
    expect(entries.map((e) => [e.durationMs, e.parameters ?? null])).toEqual([
      [640.25, null],
      [610, "$1 = '100', $2 = '900'"],
    ]);
    expect(stats.lines).toBe(4);
  });

  it('finds unnamed instances by their generated names and reports both services', async () => {
    requests.length = 0;

    const report = await buildSlowlogReport({
      target: 'aws',
      service: 'all',
      minDurationMs: 200,
      cloudWatchConfig: clientConfig(),
      logger: silentLogger,
    });

    expect(requests[0].target).toBe('Logs_20140328.DescribeLogGroups');
    expect(report.sources).toEqual([
      `/aws/rds/instance/${GENERATED_CATALOG}/postgresql`,
      `/aws/rds/instance/${GENERATED_ORDERS}/postgresql`,
    ]);
    expect(report.services[0].statements[0]).toMatchObject({
      count: 2,
      totalMs: 1250.25,
      protocols: { simple: 1, extended: 1 },
      example: 'SELECT id, name FROM products WHERE price_cents BETWEEN $1 AND $2 ORDER BY name',
    });
    expect(report.services[1].statements).toEqual([]);
  });

  it('says which variable to set when no log group names a service', async () => {
    const bare = filterLogEventsServer([], {
      rdsLogGroups: ['/aws/rds/instance/unrelated-db/postgresql'],
    });
    bare.listen(0, '127.0.0.1');
    await once(bare, 'listening');
    const bareEndpoint = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;

    try {
      const discovery = discoverRdsInstanceIds(['orders'], {
        ...clientConfig(),
        endpoint: bareEndpoint,
      });

      await expect(discovery).rejects.toThrow(
        /names the orders service; set NOVAMART_RDS_CATALOG_ID \/ NOVAMART_RDS_ORDERS_ID/,
      );
    } finally {
      bare.close();
    }
  });

  it('names the log group and what to check when the call fails', async () => {
    const source = cloudWatchLogSource('catalog', {
      instanceId: 'missing-db',
      clientConfig: clientConfig(),
    });

    const reading = parseLogLines(source.lines(), () => {});

    await expect(reading).rejects.toThrow(
      /FilterLogEvents on \/aws\/rds\/instance\/missing-db\/postgresql failed: ResourceNotFoundException/,
    );
  });
});
