/**
 * Runs a scenario over its steps, one after another, and returns the whole run. Steps wait for
 * the previous one to drain, so each step's figures are its own.
 */
import type { Logger } from '../../src/shared/logger.ts';
import type { ScenarioInstance } from '../scenarios/types.ts';
import { machineInfo } from './machine-info.ts';
import { runStep, type StepProgress } from './run-step.ts';
import { buildSchedule } from './schedule.ts';
import type { RunResult, StepRecord, StepSpec, Thresholds, WhenFull } from './types.ts';

export interface RunScenarioOptions {
  scenario: string;
  instance: ScenarioInstance;
  steps: StepSpec[];
  thresholds: Thresholds;
  target: string;
  modeLabel?: string;
  maxInFlight: number;
  whenFull: WhenFull;
  requestTimeoutMs: number;
  /**
   * Run the first step's rate this long before the first step, unmeasured, so connection set-up,
   * lazy module loading and JIT warm-up do not land in its figures. Default 0.
   */
  warmupMs?: number;
  stopSignal?: AbortSignal;
  logger: Logger;
  onStepStart?: (index: number, step: StepSpec) => void;
  onProgress?: (progress: StepProgress) => void;
  onStepEnd?: (record: StepRecord) => void;
  now?: () => number;
}

export async function runScenario(options: RunScenarioOptions): Promise<RunResult> {
  const now = options.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const steps: StepRecord[] = [];
  let nextRequestIndex = 0;

  if ((options.warmupMs ?? 0) > 0 && options.steps.length > 0) {
    const warmup = { rateRps: options.steps[0].rateRps, durationMs: options.warmupMs! };
    const record = await runStep({
      index: -1,
      step: warmup,
      request: (i, signal) => options.instance.request(i, signal),
      thresholds: {},
      maxInFlight: options.maxInFlight,
      whenFull: options.whenFull,
      requestTimeoutMs: options.requestTimeoutMs,
      firstRequestIndex: 0,
      stopSignal: options.stopSignal,
      now,
    });
    nextRequestIndex = buildSchedule(warmup).holdCount;
    options.logger.info(
      { completed: record.completed, errorRate: record.errorRate },
      'warm-up done (not measured)',
    );
  }

  for (const [index, step] of options.steps.entries()) {
    if (options.stopSignal?.aborted) break;
    options.onStepStart?.(index, step);
    const record = await runStep({
      index,
      step,
      request: (i, signal) => options.instance.request(i, signal),
      thresholds: options.thresholds,
      maxInFlight: options.maxInFlight,
      whenFull: options.whenFull,
      requestTimeoutMs: options.requestTimeoutMs,
      firstRequestIndex: nextRequestIndex,
      stopSignal: options.stopSignal,
      counters: options.instance.counters ? () => options.instance.counters!() : undefined,
      onProgress: options.onProgress,
      now,
    });
    const used = buildSchedule(step);
    nextRequestIndex += used.rampCount + used.holdCount;
    steps.push(record);
    options.logger.debug(
      { step: index, offeredRps: record.offeredRps, p95: record.latencyMs.p95 },
      'step done',
    );
    options.onStepEnd?.(record);
  }

  const interrupted = Boolean(options.stopSignal?.aborted) || steps.length < options.steps.length;
  return {
    schemaVersion: 1,
    scenario: options.scenario,
    target: options.target,
    modeLabel: options.modeLabel,
    options: options.instance.describe(),
    thresholds: options.thresholds,
    maxInFlight: options.maxInFlight,
    whenFull: options.whenFull,
    requestTimeoutMs: options.requestTimeoutMs,
    startedAt,
    endedAt: new Date(now()).toISOString(),
    interrupted,
    passed: !interrupted && steps.length > 0 && steps.every((s) => s.passed),
    machine: machineInfo(),
    steps,
  };
}
