import { type LoopResult, serverCpuPerOperationMs } from '../measure.ts';
import type { Measurement } from './types.ts';

/** The server CPU each operation of `result` cost, as a row beside the rate or latency it explains. */
export function serverCpuMeasurement(
  operation: string,
  result: LoopResult,
  note?: string,
): Measurement {
  return {
    metric: `server CPU per ${operation}`,
    unit: 'ms',
    better: 'lower',
    value: serverCpuPerOperationMs(result),
    note,
  };
}
