/**
 * `novamart loadtest SCENARIO`: steps of constant arrival rate like the seed's k6 runs, results
 * JSON in --out, exit code 0 when every step met its thresholds, 1 when one did not, 130 on Ctrl-C.
 */
import { type Command, Option } from 'commander';
import {
  collectKeyValue,
  parseFraction,
  parsePositiveMs,
  parseProcessRoots,
  parseRateList,
  parseTarget,
  parseUrl,
  parseWhenFull,
} from '../../../loadtests/cli-options.ts';
import type { RootProcess } from '../../../loadtests/metrics/process-tree.ts';
import type { WhenFull } from '../../../loadtests/runner/types.ts';
import { SCENARIO_NAMES, type Target } from '../../../loadtests/scenarios/index.ts';
import { createLogger } from '../../shared/logger.ts';
import { CliError } from '../errors.ts';
import { DEFAULT_ENDPOINT, parseDurationMs, parsePositiveInt } from '../options.ts';

interface LoadtestFlags {
  rps: number[];
  duration: number;
  ramp?: number;
  warmup?: number;
  p95?: number;
  errorRate: number;
  target: Target;
  endpoint?: string;
  region: string;
  baseUrl?: string;
  modeLabel?: string;
  maxInFlight: number;
  whenFull: WhenFull;
  timeout: number;
  option: Record<string, string>;
  metricsPids?: RootProcess[];
  dockerStats?: boolean;
  out: string;
}

export function registerLoadtest(parent: Command): void {
  parent
    .command('loadtest')
    .description(
      `Run a load-test scenario over steps of constant arrival rate (${SCENARIO_NAMES.join(', ')})`,
    )
    .argument('<scenario>', 'scenario name')
    .requiredOption(
      '--rps <list>',
      'rates per step, comma-separated, e.g. 100,200,400,800',
      parseRateList,
    )
    .addOption(
      new Option('--duration <time>', 'how long each step holds its rate (500ms, 15s, 2m)')
        .argParser(parseDurationMs)
        .default(60_000, '60s'),
    )
    .option(
      '--ramp <time>',
      'ramp linearly from the previous rate before each step (not measured)',
      parseDurationMs,
    )
    .option(
      '--warmup <time>',
      'run the first rate this long before measuring (default: none)',
      parseDurationMs,
    )
    .option(
      '--p95 <ms>',
      'a step fails when its p95 latency is above this many milliseconds',
      parsePositiveMs,
    )
    .option(
      '--error-rate <fraction>',
      'a step fails when its error rate is above this (0.01 = 1%)',
      parseFraction,
      0.01,
    )
    .option('--target <target>', 'embedded, localstack or aws', parseTarget, 'embedded' as Target)
    .option(
      '--endpoint <url>',
      `AWS endpoint for embedded/localstack (default ${DEFAULT_ENDPOINT})`,
      parseUrl,
    )
    .option('--region <region>', 'AWS region', process.env.AWS_REGION ?? 'us-east-1')
    .option(
      '--base-url <url>',
      'service URL for catalog-products (:8080) and order-create (:8081)',
      parseUrl,
    )
    .option(
      '--mode-label <label>',
      'what this run measures, e.g. lambda or worker (shown in reports)',
    )
    .option(
      '--max-in-flight <n>',
      'cap on requests in flight; over it a request is dropped',
      parsePositiveInt,
      1000,
    )
    .option(
      '--when-full <policy>',
      'drop (default) or queue requests due while the cap is met',
      parseWhenFull,
      'drop' as WhenFull,
    )
    .addOption(
      new Option('--timeout <time>', 'a request with no answer after this is a timeout')
        .argParser(parseDurationMs)
        .default(30_000, '30s'),
    )
    .option(
      '--option <key=value>',
      'scenario option, repeatable (e.g. detailRatio=0.3, skus=A,B)',
      collectKeyValue,
      {},
    )
    .option(
      '--metrics-pids <label=pid,...>',
      'sample CPU/memory of these process trees into the out dir',
      parseProcessRoots,
    )
    .option('--docker-stats', 'sample `docker stats` into the out dir (compose target)')
    .requiredOption('--out <dir>', 'directory for the results JSON (and metrics CSV)')
    .action(async (scenario: string, flags: LoadtestFlags) => {
      // Loaded here, not at the top: every other novamart command would pay for its imports.
      const { runLoadtest, UnknownScenarioError } = await import(
        '../../../loadtests/run-loadtest.ts'
      );
      const { ScenarioOptionError } = await import(
        '../../../loadtests/scenarios/scenario-options.ts'
      );
      const logger = createLogger('loadtest');
      const stop = new AbortController();
      const onSigint = () => {
        if (stop.signal.aborted) process.exit(130);
        process.stderr.write(
          '\nstopping: writing the partial results (Ctrl-C again to quit now)\n',
        );
        stop.abort();
      };
      process.on('SIGINT', onSigint);
      try {
        const outcome = await runLoadtest({
          scenario,
          rates: flags.rps,
          durationMs: flags.duration,
          rampMs: flags.ramp,
          thresholds: { p95LimitMs: flags.p95, errorRateLimit: flags.errorRate },
          target: flags.target,
          endpoint: flags.target === 'aws' ? flags.endpoint : (flags.endpoint ?? DEFAULT_ENDPOINT),
          region: flags.region,
          baseUrl: flags.baseUrl,
          modeLabel: flags.modeLabel,
          maxInFlight: flags.maxInFlight,
          whenFull: flags.whenFull,
          requestTimeoutMs: flags.timeout,
          warmupMs: flags.warmup,
          scenarioOptions: flags.option,
          outDir: flags.out,
          processRoots: flags.metricsPids,
          dockerStats: flags.dockerStats,
          logger,
          stopSignal: stop.signal,
        });
        const { run } = outcome;
        const verdict = run.interrupted ? 'INTERRUPTED' : run.passed ? 'PASSED' : 'FAILED';
        process.stdout.write(`${verdict}: results in ${outcome.resultsFile}\n`);
        if (outcome.metricsFile)
          process.stdout.write(`process metrics in ${outcome.metricsFile}\n`);
        process.exit(outcome.exitCode);
      } catch (err) {
        if (err instanceof UnknownScenarioError || err instanceof ScenarioOptionError) {
          throw new CliError(err.message, 2);
        }
        throw err;
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
