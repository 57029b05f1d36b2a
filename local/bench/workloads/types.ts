import type { BenchClients } from '../clients.ts';

export interface BenchSettings {
  durationMs: number;
  warmupMs: number;
  /** Workers of the concurrent variants. @default 16 */
  concurrency: number;
  /** CPU time of the server process so far, milliseconds (see process-cpu.ts). */
  serverCpuMs?: () => number;
  /** Distinguishes the resources of one run from those of the previous runs on the same server. */
  runId: string;
}

export interface BenchTarget {
  /** `local` or `moto`. */
  name: string;
  /** `http://127.0.0.1:port` of the server. */
  endpoint: string;
  clients: BenchClients;
}

/** One figure of one workload on one server; `value` is null when the server cannot do it. */
export interface Measurement {
  metric: string;
  unit: 'ops/s' | 'ms';
  /** Whether a bigger value is better (rates) or a smaller one (latencies). */
  better: 'higher' | 'lower';
  value: number | null;
  /** False for figures of the client rather than the server, which get no server-to-server ratio. */
  compared?: boolean;
  /** Why the value is missing, or what went wrong alongside it (errors, conflicts). */
  note?: string;
}

export interface Workload {
  /** Short name, used by `--only`. */
  name: string;
  title: string;
  run(target: BenchTarget, settings: BenchSettings): Promise<Measurement[]>;
}
