import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClient } from '../../../loadtests/runner/http-client.ts';
import { type RunStepOptions, runStep } from '../../../loadtests/runner/run-step.ts';
import { exitCodeFor } from '../../../loadtests/runner/thresholds.ts';
import { type DelayServer, startDelayServer } from '../helpers/delay-server.ts';

/**
 * These tests time real requests on a 2-core machine shared with other suites; a long CPU stall
 * on the machine (not in the runner) can miss a tolerance, so they get two more tries.
 */
const TIMING_RETRY = { retry: 2 };

let server: DelayServer | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function stepAgainst(
  delayMsFor: (n: number) => number,
  options: Partial<RunStepOptions> & Pick<RunStepOptions, 'step'>,
) {
  server = await startDelayServer(delayMsFor);
  const http = createHttpClient(server.url, options.maxInFlight ?? 100);
  client = http;
  return runStep({
    index: 0,
    request: (_i, signal) => http.get('/', signal),
    thresholds: {},
    maxInFlight: 100,
    whenFull: 'drop',
    requestTimeoutMs: 5_000,
    firstRequestIndex: 0,
    ...options,
  });
}

describe('runStep against a server with known delays', () => {
  it('holds 200 rps for 2 s and measures a fixed 20 ms delay', TIMING_RETRY, async () => {
    // Act
    // A cap well above need: a CPU stall on the shared machine must not turn into drops here.
    const record = await stepAgainst(() => 20, {
      step: { rateRps: 200, durationMs: 2_000 },
      maxInFlight: 1_000,
    });

    // Assert
    expect(record.scheduled).toBe(400);
    expect(record.completed).toBe(400);
    expect(server!.received()).toBe(400);
    // Tolerances leave room for the 2-core machine being busy with other suites.
    expect(record.achievedRps).toBeGreaterThan(180);
    expect(record.achievedRps).toBeLessThanOrEqual(201);
    expect(record.latencyMs.p50).toBeGreaterThanOrEqual(19.9);
    expect(record.latencyMs.p50).toBeLessThan(100);
    expect(record.latencyMs.p99).toBeGreaterThanOrEqual(record.latencyMs.p50);
    expect(record.errors + record.timeouts + record.dropped).toBe(0);
    expect(record.passed).toBe(true);
  });

  it(
    'counts a stall in every request queued behind it (no coordinated omission)',
    TIMING_RETRY,
    async () => {
      // Arrange: 100 rps with one request in flight at a time; the 6th answer takes 300 ms.
      const delay = (n: number) => (n === 5 ? 300 : 0);

      // Act
      const record = await stepAgainst(delay, {
        step: { rateRps: 100, durationMs: 1_000 },
        maxInFlight: 1,
        whenFull: 'queue',
      });

      // Assert: ~29 requests were due during the stall; each one's latency counts from its
      // scheduled start, so at least 20 of 100 samples are slow, not just the stalled one.
      expect(record.completed).toBe(100);
      expect(record.latencyMs.max).toBeGreaterThanOrEqual(300);
      expect(record.latencyMs.p90).toBeGreaterThan(100);
      const p80 = record.percentileCurve.find(([percentile]) => percentile === 80)![1];
      expect(p80).toBeGreaterThan(100);
      expect(record.capHits).toBeGreaterThan(20);
      expect(record.maxInFlightSeen).toBe(1);
    },
  );

  it(
    'drops requests due while the in-flight cap is met, and fails the error-rate limit',
    TIMING_RETRY,
    async () => {
      const delay = (n: number) => (n === 5 ? 300 : 0);

      const record = await stepAgainst(delay, {
        step: { rateRps: 100, durationMs: 1_000 },
        maxInFlight: 1,
        whenFull: 'drop',
        thresholds: { errorRateLimit: 0.01 },
      });

      expect(record.dropped).toBeGreaterThan(20);
      expect(record.capHits).toBe(record.dropped);
      expect(record.scheduled).toBe(100);
      expect(record.completed + record.dropped).toBe(100);
      expect(record.passed).toBe(false);
      expect(record.failedReasons.join()).toMatch(/error rate/);
    },
  );

  it('fails a step whose p95 is over the limit, and the run exits non-zero', async () => {
    const record = await stepAgainst(() => 20, {
      step: { rateRps: 50, durationMs: 500 },
      thresholds: { p95LimitMs: 5, errorRateLimit: 0.01 },
    });

    expect(record.passed).toBe(false);
    expect(record.failedReasons[0]).toMatch(/^p95 .* > limit 5 ms$/);
    expect(exitCodeFor({ passed: record.passed, interrupted: false })).toBe(1);
    expect(exitCodeFor({ passed: true, interrupted: false })).toBe(0);
  });

  it('counts requests with no answer within the timeout as timeouts', async () => {
    const record = await stepAgainst((n) => (n % 2 === 0 ? 2_000 : 0), {
      step: { rateRps: 20, durationMs: 500 },
      requestTimeoutMs: 150,
    });

    expect(record.scheduled).toBe(10);
    expect(record.timeouts).toBe(5);
    expect(record.errorsByKind.timeout).toBe(5);
    expect(record.completed).toBe(5);
  });

  it('stops when the stop signal aborts and reports what it measured', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);

    const started = performance.now();
    const record = await stepAgainst(() => 0, {
      step: { rateRps: 100, durationMs: 5_000 },
      stopSignal: stop.signal,
    });

    expect(performance.now() - started).toBeLessThan(1_500);
    expect(record.scheduled).toBeGreaterThan(10);
    expect(record.scheduled).toBeLessThan(100);
    expect(record.passed).toBe(false);
    expect(record.failedReasons).toContain('interrupted');
  });

  it('turns a thrown error into an error of its code', async () => {
    server = await startDelayServer(() => 0);
    const record = await runStep({
      index: 0,
      step: { rateRps: 50, durationMs: 200 },
      request: async () => {
        throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
      },
      thresholds: { errorRateLimit: 0 },
      maxInFlight: 10,
      whenFull: 'drop',
      requestTimeoutMs: 1_000,
      firstRequestIndex: 0,
    });

    expect(record.errorsByKind).toEqual({ ECONNREFUSED: 10 });
    expect(record.errorRate).toBe(1);
    expect(record.passed).toBe(false);
  });
});
