import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../../loadtests/runner/schedule.ts';

describe('buildSchedule', () => {
  it('spaces a constant rate evenly', () => {
    const schedule = buildSchedule({ rateRps: 200, durationMs: 2_000 });

    expect(schedule.holdCount).toBe(400);
    expect(schedule.rampCount).toBe(0);
    expect(schedule.offsetMs(0)).toBe(0);
    expect(schedule.offsetMs(1)).toBe(5);
    expect(schedule.offsetMs(399)).toBe(1_995);
  });

  it('ramps linearly before the hold, with as many requests as the average rate gives', () => {
    const schedule = buildSchedule({
      rateRps: 100,
      durationMs: 1_000,
      rampMs: 1_000,
      rampFromRps: 0,
    });

    expect(schedule.rampCount).toBe(50);
    expect(schedule.holdStartMs).toBe(1_000);
    // Half the ramp's requests are due by 1/sqrt(2) of its length when rising from zero.
    expect(schedule.offsetMs(25)).toBeCloseTo(707.1, 0);
    const offsets = Array.from({ length: 150 }, (_, i) => schedule.offsetMs(i));
    expect(offsets.every((v, i) => i === 0 || v > offsets[i - 1])).toBe(true);
    expect(schedule.offsetMs(50)).toBe(1_000);
    expect(schedule.offsetMs(51)).toBe(1_010);
  });

  it('ramps between two rates', () => {
    const schedule = buildSchedule({
      rateRps: 400,
      durationMs: 1_000,
      rampMs: 500,
      rampFromRps: 200,
    });

    expect(schedule.rampCount).toBe(150);
    expect(schedule.offsetMs(149)).toBeLessThan(500);
    expect(schedule.offsetMs(149)).toBeGreaterThan(495);
  });
});
