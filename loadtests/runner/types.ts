/** The shapes the runner, the scenarios, the results files and the report agree on. */

/**
 * What one request came to. `ok: false` is an error of `kind` (e.g. `http_503`, `publish_failed`);
 * `kind: 'timeout'` is counted as a timeout as well. An `ok: true` outcome may carry a `label`
 * that is counted per step (e.g. `rejected:INSUFFICIENT_STOCK`): valid, but worth seeing apart.
 */
export type Outcome = { ok: true; label?: string } | { ok: false; kind: string };

/** One step of a run: hold `rateRps` for `durationMs`, after an optional linear ramp. */
export interface StepSpec {
  rateRps: number;
  durationMs: number;
  /** Ramp linearly from `rampFromRps` (default 0) to `rateRps` over this long before the hold; not measured. */
  rampMs?: number;
  rampFromRps?: number;
}

export interface Thresholds {
  /** A step fails when its p95 latency is above this. */
  p95LimitMs?: number;
  /** A step fails when errors / scheduled requests is above this (0.01 = 1%). */
  errorRateLimit?: number;
}

/** What happens to a request whose scheduled time comes while `maxInFlight` are already running. */
export type WhenFull = 'drop' | 'queue';

export interface LatencySummaryMs {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface StepRecord {
  index: number;
  offeredRps: number;
  durationMs: number;
  /** Requests the schedule called for during the hold (dropped ones included). */
  scheduled: number;
  /** Requests that got an answer (success or error), timeouts and drops excluded. */
  completed: number;
  succeeded: number;
  errors: number;
  timeouts: number;
  dropped: number;
  /** completed / (time from the step's start until its last request finished). */
  achievedRps: number;
  /** (errors + timeouts + dropped) / scheduled. */
  errorRate: number;
  errorsByKind: Record<string, number>;
  labels: Record<string, number>;
  latencyMs: LatencySummaryMs;
  /** [percentile, ms] points from the HDR histogram, for distribution charts. */
  percentileCurve: Array<[number, number]>;
  /** The HDR histogram of latencies in microseconds, compressed (HdrHistogram's base64 format). */
  histogram: string;
  /** Peak requests in flight during the step, and how often the cap was met. */
  maxInFlightSeen: number;
  capHits: number;
  /** Scenario-specific counters for this step (e.g. `duplicated`, `lateObserved`). */
  counters: Record<string, number>;
  /** How late the scheduler issued requests compared to their schedule (ms): a runner health figure. */
  scheduleLagMs: { p99: number; max: number };
  startedAt: string;
  endedAt: string;
  passed: boolean;
  failedReasons: string[];
}

export interface MachineInfo {
  hostname: string;
  platform: string;
  release: string;
  arch: string;
  cpuModel: string;
  cpuCount: number;
  totalMemoryBytes: number;
  nodeVersion: string;
}

export interface RunResult {
  schemaVersion: 1;
  scenario: string;
  target: string;
  /** Free label saying what was measured, e.g. `lambda` or `worker`. */
  modeLabel?: string;
  /** Scenario options as given (base URL, endpoint, ratios). */
  options: Record<string, unknown>;
  thresholds: Thresholds;
  maxInFlight: number;
  whenFull: WhenFull;
  requestTimeoutMs: number;
  startedAt: string;
  endedAt: string;
  /** True when the run was stopped (Ctrl-C) before every step ran. */
  interrupted: boolean;
  passed: boolean;
  machine: MachineInfo;
  steps: StepRecord[];
}
