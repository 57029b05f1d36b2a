/**
 * Fixed-duration load loops: a shared machine is noisy, so every workload runs for a set time
 * (after a warm-up that is not counted) rather than a set count, and reports a rate or percentiles.
 */
import * as hdr from 'hdr-histogram-js';

export interface LoopResult {
  /** Operations that completed without error inside the measured window. */
  completed: number;
  /** Operations that failed, by error name. */
  errors: Map<string, number>;
  elapsedMs: number;
  /** Latency of each completed operation, microseconds. */
  latencyMicros: hdr.Histogram;
  /** CPU time the server process spent in the measured window, when its clock was given. */
  serverCpuMs?: number;
  /** CPU time this process (the SDK clients) spent in the measured window. */
  clientCpuMs: number;
}

export interface LoopSettings {
  durationMs: number;
  warmupMs: number;
  /** Workers running `operation` back to back. */
  concurrency: number;
  /** The server process's CPU time so far (user + system), to charge the window's share to each operation. */
  serverCpuMs?: () => number;
}

export function createLatencyHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : String(err);
}

async function loop(
  deadline: number,
  worker: number,
  operation: (worker: number) => Promise<void>,
  result: LoopResult | undefined,
): Promise<void> {
  while (performance.now() < deadline) {
    const start = performance.now();
    try {
      await operation(worker);
      if (result) {
        result.completed++;
        result.latencyMicros.recordValue(
          Math.max(1, Math.round((performance.now() - start) * 1000)),
        );
      }
    } catch (err) {
      if (result) result.errors.set(errorName(err), (result.errors.get(errorName(err)) ?? 0) + 1);
    }
  }
}

/**
 * Runs `operation(worker)` on `concurrency` workers, first for the warm-up (discarded), then for
 * the measured duration. An operation already running when time is up still finishes and counts,
 * so the rate divides by the real elapsed time.
 */
export async function runForDuration(
  settings: LoopSettings,
  operation: (worker: number) => Promise<void>,
  onMeasureStart?: () => void,
): Promise<LoopResult> {
  const workers = Array.from({ length: settings.concurrency }, (_, i) => i);
  if (settings.warmupMs > 0) {
    const warmupEnd = performance.now() + settings.warmupMs;
    await Promise.all(workers.map((w) => loop(warmupEnd, w, operation, undefined)));
  }
  onMeasureStart?.();
  const result: LoopResult = {
    completed: 0,
    errors: new Map(),
    elapsedMs: 0,
    latencyMicros: createLatencyHistogram(),
    clientCpuMs: 0,
  };
  const cpuAtStart = settings.serverCpuMs?.();
  const clientCpuAtStart = process.cpuUsage();
  const start = performance.now();
  await Promise.all(workers.map((w) => loop(start + settings.durationMs, w, operation, result)));
  result.elapsedMs = performance.now() - start;
  const clientCpu = process.cpuUsage(clientCpuAtStart);
  result.clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
  if (cpuAtStart !== undefined) result.serverCpuMs = settings.serverCpuMs!() - cpuAtStart;
  return result;
}

export function perSecond(result: LoopResult): number {
  return (result.completed * 1000) / result.elapsedMs;
}

/** Server CPU milliseconds per completed operation; null without a CPU clock or completions. */
export function serverCpuPerOperationMs(result: LoopResult): number | null {
  if (result.serverCpuMs === undefined || result.completed === 0) return null;
  return result.serverCpuMs / result.completed;
}

/** This process's (the SDK clients') CPU milliseconds per completed operation. */
export function clientCpuPerOperationMs(result: LoopResult): number | null {
  return result.completed === 0 ? null : result.clientCpuMs / result.completed;
}

export function percentileMs(histogram: hdr.Histogram, percentile: number): number {
  return histogram.getValueAtPercentile(percentile) / 1000;
}

export function describeErrors(errors: Map<string, number>): string | undefined {
  if (errors.size === 0) return undefined;
  return [...errors].map(([name, count]) => `${count} ${name}`).join(', ');
}
