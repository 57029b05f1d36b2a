import { clientCpuPerOperationMs, type LoopResult, serverCpuPerOperationMs } from '../measure.ts';
import type { Measurement } from './types.ts';

/**
 * The CPU each operation of `result` cost the server and the client (this process: the AWS SDK),
 * as rows beside the rate or latency they explain. The client's share is the same work for both
 * servers and bounds what any server can reach on this machine.
 */
export function cpuMeasurements(
  operation: string,
  result: LoopResult,
  serverNote?: string,
): Measurement[] {
  return [
    {
      metric: `server CPU per ${operation}`,
      unit: 'ms',
      better: 'lower',
      value: serverCpuPerOperationMs(result),
      note: serverNote,
    },
    {
      metric: `client (SDK) CPU per ${operation}`,
      unit: 'ms',
      better: 'lower',
      value: clientCpuPerOperationMs(result),
      compared: false,
    },
  ];
}
