/**
 * When each request of a step is due. The runner never sets a timer per request: it asks how many
 * requests are due by now and issues all of them, so a late timer is caught up, not lost, and the
 * rate holds however busy the event loop is.
 */
import type { StepSpec } from './types.ts';

export interface StepSchedule {
  /** Requests in the unmeasured ramp, issued first. */
  rampCount: number;
  /** Requests in the measured hold. */
  holdCount: number;
  /** Where the hold starts, in ms after the step starts. */
  holdStartMs: number;
  /** Scheduled time of request `i` (0-based over ramp then hold), in ms after the step starts. */
  offsetMs(i: number): number;
}

export function buildSchedule(step: StepSpec): StepSchedule {
  const rampMs = step.rampMs ?? 0;
  const fromPerMs = (step.rampFromRps ?? 0) / 1000;
  const toPerMs = step.rateRps / 1000;
  const rampCount = rampMs > 0 ? Math.floor(((fromPerMs + toPerMs) / 2) * rampMs) : 0;
  const holdCount = Math.round(toPerMs * step.durationMs);

  // During the ramp the rate rises linearly, so the count due by t is a*t + (b-a)*t^2/(2R);
  // request i is due where that count reaches i.
  const rampOffsetMs = (i: number): number => {
    const slope = (toPerMs - fromPerMs) / rampMs;
    if (Math.abs(slope) < 1e-15) return i / fromPerMs;
    return (-fromPerMs + Math.sqrt(fromPerMs * fromPerMs + 2 * slope * i)) / slope;
  };

  return {
    rampCount,
    holdCount,
    holdStartMs: rampMs,
    offsetMs(i) {
      if (i < rampCount) return rampOffsetMs(i);
      return rampMs + (i - rampCount) / toPerMs;
    },
  };
}
