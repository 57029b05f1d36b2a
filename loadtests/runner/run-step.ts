/**
 * Runs one step on an open model: request i starts when the schedule says, whatever the system
 * under test is doing, and its latency counts from that scheduled time (no coordinated omission).
 * A cap on requests in flight keeps a stalled system from exhausting the load generator; a
 * request due while the cap is met is dropped (or queued, and its wait counts in its latency).
 */
import { LatencyHistogram, round3 } from './latency-histogram.ts';
import { buildSchedule } from './schedule.ts';
import { judgeStep } from './thresholds.ts';
import type { Outcome, StepRecord, StepSpec, Thresholds, WhenFull } from './types.ts';

/** A request as the runner sees it: a global index, and a signal aborted on timeout or Ctrl-C. */
export type RequestFn = (requestIndex: number, signal: AbortSignal) => Promise<Outcome>;

export interface StepProgress {
  stepIndex: number;
  elapsedMs: number;
  totalMs: number;
  completed: number;
  failed: number;
  inFlight: number;
}

export interface RunStepOptions {
  index: number;
  step: StepSpec;
  request: RequestFn;
  thresholds: Thresholds;
  maxInFlight: number;
  whenFull: WhenFull;
  requestTimeoutMs: number;
  /** The first global request index this step hands out; the step uses as many as it schedules. */
  firstRequestIndex: number;
  /** Aborted on Ctrl-C: the step stops scheduling, abandons what is in flight and reports so far. */
  stopSignal?: AbortSignal;
  /** Scenario counters, read before and after the step (the record holds the difference). */
  counters?: () => Record<string, number>;
  onProgress?: (progress: StepProgress) => void;
  /** Monotonic milliseconds; performance.now() unless a test injects one. */
  monotonicNow?: () => number;
  /** Wall clock for the record's timestamps, ms since epoch. */
  now?: () => number;
}

interface Pending {
  requestIndex: number;
  scheduledAt: number;
  measured: boolean;
}

interface InFlight extends Pending {
  dispatchedAt: number;
  controller: AbortController;
  settled: boolean;
}

/** How often timeouts are swept and progress reported; the schedule itself is not tied to this. */
const SWEEP_INTERVAL_MS = 50;
/** The scheduler sleeps at most this long, so a stop is noticed quickly. */
const MAX_SLEEP_MS = 20;

export function runStep(options: RunStepOptions): Promise<StepRecord> {
  const monotonic = options.monotonicNow ?? (() => performance.now());
  const wallNow = options.now ?? Date.now;
  const schedule = buildSchedule(options.step);
  const total = schedule.rampCount + schedule.holdCount;

  const latency = new LatencyHistogram();
  const scheduleLag = new LatencyHistogram();
  const errorsByKind: Record<string, number> = {};
  const labels: Record<string, number> = {};
  let completed = 0;
  let succeeded = 0;
  let errors = 0;
  let timeouts = 0;
  let dropped = 0;
  let scheduledInHold = 0;
  let capHits = 0;
  let maxInFlightSeen = 0;
  let lastMeasuredEnd = 0;

  const inFlight = new Map<number, InFlight>();
  const waiting: Pending[] = [];
  let waitingHead = 0;
  let nextInStep = 0;
  let stopped = false;
  let finished = false;
  const countersBefore = options.counters?.() ?? {};
  const startedAtWall = wallNow();
  const stepStart = monotonic();
  const holdStart = stepStart + schedule.holdStartMs;
  const totalMs = schedule.holdStartMs + options.step.durationMs;

  return new Promise<StepRecord>((resolve) => {
    const count = (bucket: Record<string, number>, key: string) => {
      bucket[key] = (bucket[key] ?? 0) + 1;
    };

    const settle = (entry: InFlight, outcome: Outcome) => {
      if (entry.settled) return;
      entry.settled = true;
      inFlight.delete(entry.requestIndex);
      if (!stopped && entry.measured) record(entry.scheduledAt, outcome, monotonic());
      dispatchWaiting();
      finishIfDone();
    };

    const record = (scheduledAt: number, outcome: Outcome, endedAt: number) => {
      lastMeasuredEnd = Math.max(lastMeasuredEnd, endedAt);
      if (outcome.ok) {
        completed++;
        succeeded++;
        latency.recordMs(endedAt - scheduledAt);
        if (outcome.label) count(labels, outcome.label);
        return;
      }
      count(errorsByKind, outcome.kind);
      if (outcome.kind === 'timeout') {
        timeouts++;
        return;
      }
      completed++;
      errors++;
      latency.recordMs(endedAt - scheduledAt);
    };

    const dispatch = (item: Pending, at: number) => {
      const entry: InFlight = {
        ...item,
        dispatchedAt: at,
        controller: new AbortController(),
        settled: false,
      };
      inFlight.set(item.requestIndex, entry);
      if (inFlight.size > maxInFlightSeen) maxInFlightSeen = inFlight.size;
      let pending: Promise<Outcome>;
      try {
        pending = options.request(item.requestIndex, entry.controller.signal);
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending.then(
        (outcome) => settle(entry, outcome),
        (err: unknown) => settle(entry, { ok: false, kind: errorKindOf(err) }),
      );
    };

    const dispatchWaiting = () => {
      while (!stopped && waitingHead < waiting.length && inFlight.size < options.maxInFlight) {
        const item = waiting[waitingHead++];
        const now = monotonic();
        // A request that waited past its timeout for a free slot is a timeout, never sent.
        if (now - item.scheduledAt >= options.requestTimeoutMs) {
          if (item.measured) record(item.scheduledAt, { ok: false, kind: 'timeout' }, now);
          continue;
        }
        dispatch(item, now);
      }
    };

    const issue = (item: Pending, now: number) => {
      if (item.measured) {
        scheduledInHold++;
        scheduleLag.recordMs(now - item.scheduledAt);
      }
      if (inFlight.size < options.maxInFlight && waitingHead === waiting.length) {
        dispatch(item, now);
        return;
      }
      capHits++;
      if (options.whenFull === 'queue') waiting.push(item);
      else if (item.measured) dropped++;
    };

    const sweepTimeouts = () => {
      const now = monotonic();
      // The map keeps dispatch order, so the oldest requests come first.
      for (const entry of inFlight.values()) {
        if (now - entry.dispatchedAt < options.requestTimeoutMs) break;
        entry.controller.abort(new Error('request timed out'));
        settle(entry, { ok: false, kind: 'timeout' });
      }
      options.onProgress?.({
        stepIndex: options.index,
        elapsedMs: Math.min(totalMs, now - stepStart),
        totalMs,
        completed,
        failed: errors + timeouts + dropped,
        inFlight: inFlight.size,
      });
    };
    const sweepTimer = setInterval(sweepTimeouts, SWEEP_INTERVAL_MS);

    const onStop = () => {
      stopped = true;
      for (const entry of inFlight.values()) {
        entry.settled = true;
        entry.controller.abort(new Error('run interrupted'));
      }
      inFlight.clear();
      waitingHead = waiting.length;
      finishIfDone();
    };
    if (options.stopSignal?.aborted) stopped = true;
    options.stopSignal?.addEventListener('abort', onStop, { once: true });

    const tick = () => {
      if (stopped) return finishIfDone();
      const now = monotonic();
      let nextAt = Number.POSITIVE_INFINITY;
      while (nextInStep < total) {
        const scheduledAt = stepStart + schedule.offsetMs(nextInStep);
        if (scheduledAt > now) {
          nextAt = scheduledAt;
          break;
        }
        issue(
          {
            requestIndex: options.firstRequestIndex + nextInStep,
            scheduledAt,
            measured: nextInStep >= schedule.rampCount,
          },
          now,
        );
        nextInStep++;
      }
      if (nextInStep >= total) {
        // The hold lasts its full duration even when its last request is due earlier.
        const holdEnd = holdStart + options.step.durationMs;
        if (now < holdEnd) setTimeout(tick, Math.min(MAX_SLEEP_MS, holdEnd - now));
        else finishIfDone();
        return;
      }
      setTimeout(tick, Math.max(0, Math.min(MAX_SLEEP_MS, nextAt - now)));
    };

    function finishIfDone() {
      if (finished) return;
      const scheduleDone =
        nextInStep >= total && monotonic() >= holdStart + options.step.durationMs;
      const drained = inFlight.size === 0 && waitingHead === waiting.length;
      if (!stopped && !(scheduleDone && drained)) return;
      finished = true;
      clearInterval(sweepTimer);
      options.stopSignal?.removeEventListener('abort', onStop);
      resolve(buildRecord());
    }

    function buildRecord(): StepRecord {
      const end = monotonic();
      const heldMs = stopped ? Math.max(1, end - holdStart) : options.step.durationMs;
      const elapsedMs = Math.max(heldMs, (lastMeasuredEnd || end) - holdStart);
      const errorRate = scheduledInHold === 0 ? 0 : (errors + timeouts + dropped) / scheduledInHold;
      const latencyMs = {
        p50: round3(latency.percentileMs(50)),
        p90: round3(latency.percentileMs(90)),
        p95: round3(latency.percentileMs(95)),
        p99: round3(latency.percentileMs(99)),
        max: round3(latency.maxMs()),
        mean: round3(latency.meanMs()),
      };
      const verdict = judgeStep(
        { latencyMs, errorRate, completed, scheduled: scheduledInHold },
        options.thresholds,
      );
      return {
        index: options.index,
        offeredRps: options.step.rateRps,
        durationMs: Math.round(heldMs),
        scheduled: scheduledInHold,
        completed,
        succeeded,
        errors,
        timeouts,
        dropped,
        achievedRps: round3(completed / (elapsedMs / 1000)),
        errorRate: round3(errorRate * 1000) / 1000,
        errorsByKind,
        labels,
        latencyMs,
        percentileCurve: latency.curve(),
        histogram: latency.encode(),
        maxInFlightSeen,
        capHits,
        counters: counterDelta(countersBefore, options.counters?.() ?? {}),
        scheduleLagMs: {
          p99: round3(scheduleLag.percentileMs(99)),
          max: round3(scheduleLag.maxMs()),
        },
        startedAt: new Date(startedAtWall).toISOString(),
        endedAt: new Date(wallNow()).toISOString(),
        passed: verdict.passed && !stopped,
        failedReasons: stopped ? [...verdict.failedReasons, 'interrupted'] : verdict.failedReasons,
      };
    }

    tick();
  });
}

/** A thrown error as an error kind: its code or name, e.g. `ECONNREFUSED`, `TooManyRequestsException`. */
export function errorKindOf(err: unknown): string {
  if (err && typeof err === 'object') {
    const { code, name } = err as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code) return code;
    if (typeof name === 'string' && name && name !== 'Error') return name;
  }
  return 'exception';
}

function counterDelta(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) delta[key] = value - (before[key] ?? 0);
  return delta;
}
