/**
 * `novamart slowlog`: the slowest PostgreSQL statements of each service, from the embedded log
 * files, `docker logs` of the compose containers, or CloudWatch Logs of the RDS instances.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { pino } from 'pino';
import { SlowlogError } from '../../slowlog/errors.ts';
import type { SlowlogTarget } from '../../slowlog/run.ts';
import { serviceFromName } from '../../slowlog/services.ts';
import type { ServiceName } from '../../slowlog/types.ts';
import { CliError } from '../errors.ts';
import { parseDurationMs, parsePositiveInt } from '../options.ts';

interface SlowlogCliOptions {
  service: ServiceName | 'all';
  top: number;
  since?: number;
  minMs: number;
  json?: boolean;
  target: SlowlogTarget;
  logDir?: string;
  databaseUrl: string[];
  endpoint?: string;
  region?: string;
}

export function registerSlowlog(parent: Command): void {
  parent
    .command('slowlog')
    .description('Show the slowest PostgreSQL statements per service, grouped by fingerprint.')
    .addOption(
      new Option('--service <service>', 'which service')
        .choices(['catalog', 'orders', 'all'])
        .default('all'),
    )
    .option('--top <n>', 'statements listed per service', parsePositiveInt, 10)
    .option(
      '--since <duration>',
      'only entries this recent, e.g. 15m, 2h (default: all)',
      parseDurationMs,
    )
    .option('--min-ms <ms>', 'only entries at least this slow', parseNonNegativeMs, 200)
    .option('--json', 'print the versioned JSON report (see docs/slowlog.md)')
    .addOption(
      new Option('--target <target>', 'where the logs are')
        .choices(['embedded', 'localstack', 'aws'])
        .default('embedded'),
    )
    .option(
      '--log-dir <dir>',
      'embedded: directory of PostgreSQL *.log files (default .novamart/postgres)',
    )
    .option(
      '--database-url <[service=]url>',
      'read pg_stat_statements there (repeatable; default CATALOG_DATABASE_URL, ORDERS_DATABASE_URL)',
      collect,
      [],
    )
    .option('--endpoint <url>', 'aws: CloudWatch Logs endpoint (default: the SDK default)')
    .option('--region <region>', 'aws: region (default: the SDK default)')
    .action(async (opts: SlowlogCliOptions) => {
      const logger = pino(
        { name: 'slowlog', level: process.env.NOVAMART_LOG_LEVEL ?? 'warn', base: undefined },
        pino.destination(2),
      );
      const nowMs = Date.now();
      // Loaded here, not at the top: the parser's WebAssembly and the AWS client would otherwise
      // slow the start of every other novamart command.
      const { buildSlowlogReport } = await import('../../slowlog/run.ts');
      const { formatReportTable } = await import('../../slowlog/report.ts');
      try {
        const report = await buildSlowlogReport({
          target: opts.target,
          service: opts.service,
          top: opts.top,
          sinceMs: opts.since === undefined ? undefined : nowMs - opts.since,
          minDurationMs: opts.minMs,
          logDir: opts.logDir,
          cloudWatchConfig: { endpoint: opts.endpoint, region: opts.region },
          databaseUrls: databaseUrls(opts.databaseUrl, opts.service),
          nowMs,
          logger,
        });
        const text = opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReportTable(report);
        process.stdout.write(text);
      } catch (err) {
        if (err instanceof SlowlogError) throw new CliError(err.message, 1);
        throw err;
      }
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseNonNegativeMs(value: string): number {
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new InvalidArgumentError(`expected milliseconds of 0 or more, got "${value}"`);
  }
  return ms;
}

/**
 * `catalog=postgres://...` names its service; a bare URL belongs to the one `--service` chosen,
 * or else to the service its database name names.
 */
function databaseUrls(
  given: string[],
  service: ServiceName | 'all',
): Partial<Record<ServiceName, string>> {
  const urls: Partial<Record<ServiceName, string>> = {
    catalog: process.env.CATALOG_DATABASE_URL || undefined,
    orders: process.env.ORDERS_DATABASE_URL || process.env.ORDER_DATABASE_URL || undefined,
  };
  for (const value of given) {
    const named = /^(catalog|orders)=(.+)$/.exec(value);
    if (named) {
      urls[named[1] as ServiceName] = named[2];
      continue;
    }
    const database = safeDatabaseName(value);
    const owner = service !== 'all' ? service : serviceFromName(database);
    if (!owner) {
      throw new CliError(
        `cannot tell which service --database-url ${database || value} is for: ` +
          'write it as catalog=URL or orders=URL',
      );
    }
    urls[owner] = value;
  }
  return urls;
}

function safeDatabaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    return '';
  }
}
