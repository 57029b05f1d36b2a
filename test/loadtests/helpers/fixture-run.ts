/** Results files as `novamart loadtest` writes them, built from known latencies for report tests. */
import { LatencyHistogram } from '../../../loadtests/runner/latency-histogram.ts';
import { machineInfo } from '../../../loadtests/runner/machine-info.ts';
import type { RunResult, StepRecord } from '../../../loadtests/runner/types.ts';

export function fixtureStep(
  index: number,
  offeredRps: number,
  baseMs: number,
  p95LimitMs: number,
): StepRecord {
  const histogram = new LatencyHistogram();
  for (let i = 0; i < 1000; i++) histogram.recordMs(baseMs + (i % 100) * (baseMs / 20));
  const latencyMs = {
    p50: histogram.percentileMs(50),
    p90: histogram.percentileMs(90),
    p95: histogram.percentileMs(95),
    p99: histogram.percentileMs(99),
    max: histogram.maxMs(),
    mean: histogram.meanMs(),
  };
  const passed = latencyMs.p95 <= p95LimitMs;
  return {
    index,
    offeredRps,
    durationMs: 15_000,
    scheduled: offeredRps * 15,
    completed: offeredRps * 15,
    succeeded: offeredRps * 15,
    errors: 0,
    timeouts: 0,
    dropped: 0,
    achievedRps: passed ? offeredRps * 0.99 : offeredRps * 0.7,
    errorRate: 0,
    errorsByKind: {},
    labels: { reserved: offeredRps * 15 },
    latencyMs,
    percentileCurve: histogram.curve(),
    histogram: histogram.encode(),
    maxInFlightSeen: 10,
    capHits: 0,
    counters: { duplicated: 0 },
    scheduleLagMs: { p99: 1, max: 2 },
    startedAt: '2026-12-03T10:00:00.000Z',
    endedAt: '2026-12-03T10:00:15.000Z',
    passed,
    failedReasons: passed ? [] : [`p95 ${latencyMs.p95} ms > limit ${p95LimitMs} ms`],
  };
}

/** A run of inventory-e2e; `baseMsPerStep` sets each step's latency scale. */
export function fixtureRun(
  modeLabel: string,
  baseMsPerStep: number[],
  startedAt: string,
): RunResult {
  const rates = [100, 200, 400, 800];
  const steps = baseMsPerStep.map((base, i) => fixtureStep(i, rates[i], base, 500));
  return {
    schemaVersion: 1,
    scenario: 'inventory-e2e',
    target: 'embedded',
    modeLabel,
    options: { receivers: 4 },
    thresholds: { p95LimitMs: 500, errorRateLimit: 0.01 },
    maxInFlight: 1000,
    whenFull: 'drop',
    requestTimeoutMs: 30_000,
    startedAt,
    endedAt: startedAt,
    interrupted: false,
    passed: steps.every((s) => s.passed),
    machine: machineInfo(),
    steps,
  };
}
