/** The contract every scenario follows: set up once, answer request(i) many times, tear down. */
import type { Logger } from '../../src/shared/logger.ts';
import type { Outcome } from '../runner/types.ts';

export type Target = 'embedded' | 'localstack' | 'aws';

export interface ScenarioContext {
  target: Target;
  /** AWS endpoint for embedded/localstack (`http://127.0.0.1:4566`); undefined means real AWS. */
  endpoint?: string;
  region: string;
  /** HTTP base URL for the service scenarios; each scenario has its own default. */
  baseUrl?: string;
  /** The runner's in-flight cap, so clients can size their connection pools to it. */
  maxInFlight: number;
  requestTimeoutMs: number;
  logger: Logger;
  /** Scenario-specific options from the command line (`--option key=value`). */
  options: Record<string, string>;
}

export interface ScenarioInstance {
  /** Issues request number `i`; resolves to its outcome (throwing counts as an error too). */
  request(i: number, signal: AbortSignal): Promise<Outcome>;
  /** Counters the scenario keeps beyond per-request outcomes (e.g. duplicated deliveries). */
  counters?(): Record<string, number>;
  /** What the results file should record about this scenario's settings. */
  describe(): Record<string, unknown>;
  teardown(): Promise<void>;
}

export interface Scenario {
  name: string;
  description: string;
  setup(ctx: ScenarioContext): Promise<ScenarioInstance>;
}
