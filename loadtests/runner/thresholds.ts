/** Pass or fail for one step, with the reasons spelled out for the report and the console. */
import type { Thresholds } from './types.ts';

export interface StepVerdict {
  passed: boolean;
  failedReasons: string[];
}

export function judgeStep(
  step: { latencyMs: { p95: number }; errorRate: number; completed: number; scheduled: number },
  thresholds: Thresholds,
): StepVerdict {
  const failedReasons: string[] = [];
  if (thresholds.p95LimitMs !== undefined && step.latencyMs.p95 > thresholds.p95LimitMs) {
    failedReasons.push(
      `p95 ${step.latencyMs.p95.toFixed(1)} ms > limit ${thresholds.p95LimitMs} ms`,
    );
  }
  if (thresholds.errorRateLimit !== undefined && step.errorRate > thresholds.errorRateLimit) {
    const percent = (step.errorRate * 100).toFixed(2);
    failedReasons.push(
      `error rate ${percent}% > limit ${(thresholds.errorRateLimit * 100).toFixed(2)}%`,
    );
  }
  if (step.scheduled > 0 && step.completed === 0) failedReasons.push('no request completed');
  return { passed: failedReasons.length === 0, failedReasons };
}

/** The exit code a run ends with: 0 when every step passed, 1 when one failed, 130 on Ctrl-C. */
export function exitCodeFor(run: { passed: boolean; interrupted: boolean }): number {
  if (run.interrupted) return 130;
  return run.passed ? 0 : 1;
}
