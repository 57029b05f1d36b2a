/**
 * `novamart slowlog` without the CLI: picks the log sources of a target, parses and groups every
 * line, adds pg_stat_statements where a database URL is known, and returns the report.
 */
import type { CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import type { Logger } from '../shared/logger.ts';
import { SlowLogAggregator } from './aggregate.ts';
import { parseLogLines } from './log-parser.ts';
import { StatementNormalizer } from './normalize.ts';
import { type PgStatStatementsResult, readPgStatStatements } from './pg-stat-statements.ts';
import { SLOWLOG_REPORT_VERSION, type SlowlogReport, toReportStatement } from './report.ts';
import { type ReportService, serviceFromName } from './services.ts';
import {
  cloudWatchLogSource,
  discoverRdsInstanceIds,
  rdsInstanceIdsFromEnv,
} from './sources/cloudwatch.ts';
import { dockerLogSource } from './sources/docker.ts';
import { embeddedLogSources } from './sources/embedded.ts';
import type { LogSource } from './sources/source.ts';
import { addParseStats, emptyParseStats, SERVICE_NAMES, type ServiceName } from './types.ts';

export type SlowlogTarget = 'embedded' | 'localstack' | 'aws';

export interface SlowlogOptions {
  target: SlowlogTarget;
  service: ServiceName | 'all';
  /** Statements listed per service. @default 10 */
  top?: number;
  /** Only entries logged at or after this instant. */
  sinceMs?: number;
  /** Only entries at least this slow. @default 0, which keeps everything the server logged */
  minDurationMs?: number;
  /** embedded: where the log files are. */
  logDir?: string;
  /** localstack: the docker CLI. */
  dockerBin?: string;
  /** aws: client settings, and RDS instance ids (default: env, then found by log group name). */
  cloudWatchConfig?: CloudWatchLogsClientConfig;
  rdsInstanceIds?: Partial<Record<ServiceName, string>>;
  /** Where pg_stat_statements is read; a service with no URL has none in the report. */
  databaseUrls?: Partial<Record<ServiceName, string>>;
  nowMs?: number;
  logger: Logger;
}

export async function buildSlowlogReport(options: SlowlogOptions): Promise<SlowlogReport> {
  const nowMs = options.nowMs ?? Date.now();
  const top = options.top ?? 10;
  const wanted = options.service === 'all' ? SERVICE_NAMES : [options.service];
  const sources = await sourcesFor(options, wanted, nowMs);
  const aggregator = new SlowLogAggregator(await StatementNormalizer.create(), {
    sinceMs: options.sinceMs,
    minDurationMs: options.minDurationMs,
  });

  const parse = emptyParseStats();
  for (const source of sources) {
    const stats = await parseLogLines(source.lines(), (entry) => {
      const service: ReportService = source.service ?? serviceFromName(entry.database) ?? 'other';
      aggregator.add(entry, service);
    });
    options.logger.debug({ source: source.label, ...stats }, 'log source read');
    addParseStats(parse, stats);
  }

  const reported: ReportService[] =
    options.service === 'all' && aggregator.servicesSeen().includes('other')
      ? [...wanted, 'other']
      : [...wanted];
  const services = [];
  for (const service of reported) {
    const url = service === 'other' ? undefined : options.databaseUrls?.[service];
    const pgStatStatements: PgStatStatementsResult | null = url
      ? await readPgStatStatements(url, top)
      : null;
    const statements = aggregator.topGroups(service, top).map(toReportStatement);
    services.push({ service, statements, pgStatStatements });
  }

  return {
    version: SLOWLOG_REPORT_VERSION,
    generatedAtMs: nowMs,
    target: options.target,
    filters: {
      service: options.service,
      sinceMs: options.sinceMs ?? null,
      minDurationMs: options.minDurationMs ?? 0,
      top,
    },
    sources: sources.map((source) => source.label),
    parse: { ...parse, skippedByFilters: aggregator.skippedByFilters },
    services,
  };
}

async function sourcesFor(
  options: SlowlogOptions,
  wanted: readonly ServiceName[],
  nowMs: number,
): Promise<LogSource[]> {
  if (options.target === 'embedded') {
    const all = await embeddedLogSources({ logDir: options.logDir, sinceMs: options.sinceMs });
    // A file of another service's server is skipped whole; a file of unknown service is read and
    // its entries are sorted by database name.
    return all.filter((source) => !source.service || wanted.includes(source.service));
  }
  if (options.target === 'localstack') {
    return wanted.map((service) =>
      dockerLogSource(service, { dockerBin: options.dockerBin, sinceMs: options.sinceMs, nowMs }),
    );
  }
  const given = { ...rdsInstanceIdsFromEnv(), ...options.rdsInstanceIds };
  const unnamed = wanted.filter((service) => !given[service]);
  const discovered =
    unnamed.length > 0 ? await discoverRdsInstanceIds(unnamed, options.cloudWatchConfig) : {};
  const instanceIds: Partial<Record<ServiceName, string>> = { ...discovered, ...given };
  return wanted.map((service) =>
    cloudWatchLogSource(service, {
      instanceId: instanceIds[service]!,
      sinceMs: options.sinceMs,
      clientConfig: options.cloudWatchConfig,
    }),
  );
}
