/**
 * One load-test run from start to files on disk: set the scenario up, sample the process tree
 * (when asked), run every step with progress, write the results JSON (partial on Ctrl-C) and tear
 * down. `novamart loadtest` and `novamart compare` both go through here.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../src/shared/logger.ts';
import { startDockerSampler } from './metrics/docker-stats.ts';
import { type Sampler, startProcessSampler } from './metrics/process-sampler.ts';
import type { RootProcess } from './metrics/process-tree.ts';
import { createProgressReporter } from './runner/progress.ts';
import { resultFileName, writeRunResult } from './runner/results-file.ts';
import { runScenario } from './runner/run-scenario.ts';
import { exitCodeFor } from './runner/thresholds.ts';
import type { RunResult, StepSpec, Thresholds, WhenFull } from './runner/types.ts';
import { loadScenario, SCENARIO_NAMES } from './scenarios/index.ts';
import type { Target } from './scenarios/types.ts';

export interface LoadtestOptions {
  scenario: string;
  rates: number[];
  durationMs: number;
  rampMs?: number;
  thresholds: Thresholds;
  target: Target;
  endpoint?: string;
  region: string;
  baseUrl?: string;
  modeLabel?: string;
  maxInFlight: number;
  whenFull: WhenFull;
  requestTimeoutMs: number;
  /** Unmeasured warm-up at the first rate before the first step. */
  warmupMs?: number;
  scenarioOptions: Record<string, string>;
  outDir: string;
  /** Sample these process trees into `<results>.metrics.csv`. */
  processRoots?: RootProcess[];
  /** Sample `docker stats` into `<results>.metrics.csv` (compose). */
  dockerStats?: boolean;
  logger: Logger;
  /** Where progress goes (stdout); a bar when it is a terminal, lines otherwise. */
  progressStream?: NodeJS.WriteStream;
  /** Aborting it stops the run and keeps what was measured (Ctrl-C). */
  stopSignal?: AbortSignal;
}

export interface LoadtestOutcome {
  run: RunResult;
  resultsFile: string;
  metricsFile?: string;
  exitCode: number;
}

export class UnknownScenarioError extends Error {
  override readonly name = 'UnknownScenarioError';
}

export async function runLoadtest(options: LoadtestOptions): Promise<LoadtestOutcome> {
  const scenario = await loadScenario(options.scenario);
  if (!scenario) {
    throw new UnknownScenarioError(
      `unknown scenario "${options.scenario}"; choose one of ${SCENARIO_NAMES.join(', ')}`,
    );
  }
  const steps: StepSpec[] = options.rates.map((rateRps, i) => ({
    rateRps,
    durationMs: options.durationMs,
    rampMs: options.rampMs,
    rampFromRps: i === 0 ? 0 : options.rates[i - 1],
  }));

  const instance = await scenario.setup({
    target: options.target,
    endpoint: options.endpoint,
    region: options.region,
    baseUrl: options.baseUrl,
    maxInFlight: options.maxInFlight,
    requestTimeoutMs: options.requestTimeoutMs,
    logger: options.logger,
    options: options.scenarioOptions,
  });

  await mkdir(options.outDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const baseName = resultFileName({
    scenario: options.scenario,
    modeLabel: options.modeLabel,
    target: options.target,
    startedAt,
  });
  const metricsFile = path.join(options.outDir, baseName.replace(/\.json$/, '.metrics.csv'));
  const sampler = startSampler(options, metricsFile);
  const progress = createProgressReporter(options.progressStream ?? process.stdout, steps.length);

  let run: RunResult;
  try {
    run = await runScenario({
      scenario: options.scenario,
      instance,
      steps,
      thresholds: options.thresholds,
      target: options.target,
      modeLabel: options.modeLabel,
      maxInFlight: options.maxInFlight,
      whenFull: options.whenFull,
      requestTimeoutMs: options.requestTimeoutMs,
      warmupMs: options.warmupMs,
      stopSignal: options.stopSignal,
      logger: options.logger,
      onStepStart: (index, step) => progress.stepStarted(index, step),
      onProgress: (p) => progress.progress(p),
      onStepEnd: (record) => progress.stepEnded(record),
    });
  } finally {
    progress.stop();
    await sampler?.stop();
    await instance
      .teardown()
      .catch((err: unknown) => options.logger.warn({ err }, 'scenario teardown failed'));
  }
  run.startedAt = startedAt;
  const resultsFile = await writeRunResult(options.outDir, run);
  return {
    run,
    resultsFile,
    metricsFile: sampler ? metricsFile : undefined,
    exitCode: exitCodeFor(run),
  };
}

function startSampler(options: LoadtestOptions, csvPath: string): Sampler | undefined {
  if (options.dockerStats) return startDockerSampler({ csvPath, logger: options.logger });
  if (options.processRoots?.length) {
    return startProcessSampler({ roots: options.processRoots, csvPath, logger: options.logger });
  }
  return undefined;
}
