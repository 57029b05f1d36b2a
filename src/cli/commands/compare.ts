/**
 * `novamart compare`: deploy lambda mode, run inventory-e2e over the steps with process metrics,
 * flip to worker mode, run it again, and write one report. Exit code: 0 when both modes were
 * measured (a missed threshold is in the report, not an error), 1 when a deploy or a run broke,
 * 130 on Ctrl-C (the report of what ran is written first).
 */
import path from 'node:path';
import { type Command, Option } from 'commander';
import { pino } from 'pino';
import {
  parseFraction,
  parsePositiveMs,
  parseRateList,
  parseUrl,
} from '../../../loadtests/cli-options.ts';
import { CliError } from '../errors.ts';
import { DEFAULT_ENDPOINT, parseDurationMs, parsePositiveInt } from '../options.ts';

interface CompareFlags {
  target: 'embedded' | 'localstack';
  endpoint?: string;
  rps: number[];
  duration: number;
  warmup?: number;
  p95: number;
  errorRate: number;
  maxInFlight: number;
  timeout: number;
  out?: string;
  stateDir?: string;
  inventoryOnly?: boolean;
  dryRun?: boolean;
}

const print = (line: string) => process.stdout.write(`${line}\n`);

export function registerCompare(parent: Command): void {
  parent
    .command('compare')
    .description(
      'Deploy lambda mode, load it with inventory-e2e, flip to worker mode, load it again, report both',
    )
    .addOption(
      new Option('--target <target>', 'where the stack runs')
        .choices(['embedded', 'localstack'])
        .default('embedded'),
    )
    .option(
      '--endpoint <url>',
      `the local cloud (default ${DEFAULT_ENDPOINT}); localstack: $LOCALSTACK_ENDPOINT or http://localhost:4566`,
      parseUrl,
    )
    .option('--rps <list>', 'rates per step', parseRateList, [100, 200, 400, 800])
    .addOption(
      new Option('--duration <time>', 'how long each step holds its rate')
        .argParser(parseDurationMs)
        .default(60_000, '60s'),
    )
    .option('--warmup <time>', 'unmeasured warm-up at the first rate, per mode', parseDurationMs)
    .option('--p95 <ms>', 'a step fails when its p95 is above this', parsePositiveMs, 500)
    .option(
      '--error-rate <fraction>',
      'a step fails when its error rate is above this',
      parseFraction,
      0.01,
    )
    .option('--max-in-flight <n>', 'cap on requests in flight', parsePositiveInt, 1000)
    .addOption(
      new Option('--timeout <time>', 'no outcome after this is a lost request')
        .argParser(parseDurationMs)
        .default(30_000, '30s'),
    )
    .option('--out <dir>', 'report directory (default reports/compare-<timestamp>)')
    .option(
      '--state-dir <dir>',
      'embedded: deploy state (default $NOVAMART_STATE_DIR or .novamart/)',
    )
    .option(
      '--inventory-only',
      'embedded: deploy the inventory path only (no services, no PostgreSQL)',
    )
    .option('--dry-run', 'print what would be deployed and run, and do nothing')
    .action(async (flags: CompareFlags) => {
      const logger = pino(
        { name: 'compare', level: process.env.NOVAMART_LOG_LEVEL ?? 'warn', base: undefined },
        pino.destination(2),
      );
      const outDir = path.resolve(flags.out ?? defaultOutDir());
      const { buildTarget } = await import('../../compare/cli-target.ts');
      const target = buildTarget({ ...flags, logger, print });
      if (flags.dryRun) {
        for (const mode of ['lambda', 'worker'] as const) {
          print(`# ${mode} mode`);
          for (const line of target.describeDeploy(mode)) print(`$ ${line}`);
          print(
            `$ novamart loadtest inventory-e2e --target ${target.name} --endpoint ${target.endpoint} ` +
              `--rps ${flags.rps.join(',')} --duration ${flags.duration}ms --p95 ${flags.p95} ` +
              `--error-rate ${flags.errorRate} --mode-label ${mode} --out ${path.join(outDir, mode)}`,
          );
        }
        print(
          `$ novamart report ${path.join(outDir, 'lambda')} ${path.join(outDir, 'worker')} --out ${outDir}`,
        );
        return;
      }

      if (target.name === 'embedded') await requireLocalCloud(target.endpoint);
      const { runCompare } = await import('../../compare/run-compare.ts');
      const stop = new AbortController();
      const onSigint = () => {
        if (stop.signal.aborted) process.exit(130);
        process.stderr.write(
          '\nstopping: writing the report of what ran (Ctrl-C again to quit now)\n',
        );
        stop.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        const result = await runCompare({
          target,
          load: {
            rates: flags.rps,
            durationMs: flags.duration,
            warmupMs: flags.warmup,
            p95LimitMs: flags.p95,
            errorRateLimit: flags.errorRate,
            maxInFlight: flags.maxInFlight,
            requestTimeoutMs: flags.timeout,
          },
          outDir,
          logger,
          print,
          stopSignal: stop.signal,
        });
        if (result.runs.length > 0) print(`\n${result.comparison}\n`);
        if (result.report) {
          print(`report: ${result.report.htmlFile}`);
          print(`summary: ${result.report.markdownFile}`);
        }
        if (result.error) throw new CliError(result.error.message, 1);
        if (result.interrupted) process.exit(130);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}

async function requireLocalCloud(endpoint: string): Promise<void> {
  try {
    await fetch(new URL('/_localstack/health', endpoint));
  } catch {
    throw new CliError(
      `no local cloud answers at ${endpoint}; start it first with "novamart local start" ` +
        '(or run "npm run demo", which starts its own)',
      1,
    );
  }
}

function defaultOutDir(): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.resolve('reports', `compare-${stamp}`);
}
