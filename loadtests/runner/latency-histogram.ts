/**
 * HDR histograms of latency (hdr-histogram-js, its pure-JS build: no WebAssembly to initialise
 * and fast enough at these rates). Values are recorded in microseconds and reported in ms.
 */
import * as hdr from 'hdr-histogram-js';

/** One hour in microseconds: anything slower is clamped, not lost. */
const HIGHEST_TRACKABLE_US = 3_600_000_000;
const CURVE_PERCENTILES = [
  0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100,
];

export class LatencyHistogram {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_TRACKABLE_US,
    numberOfSignificantValueDigits: 3,
    useWebAssembly: false,
  });

  recordMs(latencyMs: number): void {
    const us = Math.min(HIGHEST_TRACKABLE_US, Math.max(1, Math.round(latencyMs * 1000)));
    this.histogram.recordValue(us);
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  percentileMs(percentile: number): number {
    if (this.histogram.totalCount === 0) return 0;
    return this.histogram.getValueAtPercentile(percentile) / 1000;
  }

  maxMs(): number {
    return this.histogram.totalCount === 0 ? 0 : this.histogram.maxValue / 1000;
  }

  meanMs(): number {
    return this.histogram.totalCount === 0 ? 0 : this.histogram.mean / 1000;
  }

  curve(): Array<[number, number]> {
    return CURVE_PERCENTILES.map((p) => [p, round3(this.percentileMs(p))]);
  }

  encode(): string {
    return hdr.encodeIntoCompressedBase64(this.histogram);
  }
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
