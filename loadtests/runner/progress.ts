/**
 * Progress on long runs: a cli-progress bar per step on a terminal, one line per finished step
 * otherwise (CI logs, pipes), so output stays readable either way.
 */
import { SingleBar } from 'cli-progress';
import type { StepProgress } from './run-step.ts';
import type { StepRecord, StepSpec } from './types.ts';

export interface ProgressReporter {
  stepStarted(index: number, step: StepSpec): void;
  progress(progress: StepProgress): void;
  stepEnded(record: StepRecord): void;
  stop(): void;
}

export function createProgressReporter(
  stream: NodeJS.WriteStream = process.stdout,
  stepCount = 1,
): ProgressReporter {
  let bar: SingleBar | undefined;
  const useBar = Boolean(stream.isTTY);

  return {
    stepStarted(index, step) {
      if (!useBar) return;
      bar = new SingleBar({
        stream,
        format: `step ${index + 1}/${stepCount} ${step.rateRps} rps [{bar}] {percentage}% | {completed} done | {failed} failed | {inFlight} in flight`,
        hideCursor: true,
        clearOnComplete: true,
      });
      bar.start(100, 0, { completed: 0, failed: 0, inFlight: 0 });
    },
    progress(progress) {
      bar?.update(Math.floor((100 * progress.elapsedMs) / progress.totalMs), {
        completed: progress.completed,
        failed: progress.failed,
        inFlight: progress.inFlight,
      });
    },
    stepEnded(record) {
      bar?.stop();
      bar = undefined;
      stream.write(`${formatStepLine(record)}\n`);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

/** One line per step, e.g. `PASS  400 rps: achieved 399.8/s p50 3.1 p95 8.2 p99 12.0 max 40 ms, errors 0.00%`. */
export function formatStepLine(record: StepRecord): string {
  const l = record.latencyMs;
  const verdict = record.passed ? 'PASS' : 'FAIL';
  const errorPercent = (record.errorRate * 100).toFixed(2);
  const extras = [
    record.timeouts ? `timeouts ${record.timeouts}` : '',
    record.dropped ? `dropped ${record.dropped} (in-flight cap hit ${record.capHits}x)` : '',
    ...Object.entries(record.errorsByKind)
      .filter(([kind]) => kind !== 'timeout')
      .map(([kind, n]) => `${kind} ${n}`),
  ].filter(Boolean);
  const reasons = record.failedReasons.length ? `  <- ${record.failedReasons.join('; ')}` : '';
  return (
    `${verdict} ${String(record.offeredRps).padStart(5)} rps: achieved ${record.achievedRps.toFixed(1)}/s ` +
    `p50 ${l.p50.toFixed(1)} p90 ${l.p90.toFixed(1)} p95 ${l.p95.toFixed(1)} p99 ${l.p99.toFixed(1)} ` +
    `max ${l.max.toFixed(1)} ms, errors ${errorPercent}%${extras.length ? ` (${extras.join(', ')})` : ''}${reasons}`
  );
}
