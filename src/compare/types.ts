/** What `novamart compare` and the demo share: a target that can deploy either mode, and runs. */
import type { InventoryMode } from '../../lib/app-settings.ts';
import type { RootProcess } from '../../loadtests/metrics/process-tree.ts';
import type { LoadtestOutcome } from '../../loadtests/run-loadtest.ts';
import type { Target } from '../../loadtests/scenarios/types.ts';

export type { InventoryMode };

/** The modes in the order they are measured: the seed's starting point first, then the flip. */
export const COMPARE_MODES: readonly InventoryMode[] = ['lambda', 'worker'];

/** Where the comparison runs, and how it deploys each mode there. */
export interface ModeTarget {
  name: Extract<Target, 'embedded' | 'localstack'>;
  /** The AWS endpoint the scenario publishes to. */
  endpoint: string;
  /** Deploys (or flips to) `mode`; resolves once the stack serves in that mode. */
  deploy(mode: InventoryMode): Promise<void>;
  /** What to sample while a mode is loaded: process trees (embedded) or `docker stats`. */
  metrics(): Promise<{ processRoots?: RootProcess[]; dockerStats?: boolean }>;
  /** What `deploy(mode)` would do, one line each, for `--dry-run`. */
  describeDeploy(mode: InventoryMode): string[];
}

/** The load each mode gets: `inventory-e2e` over these steps. */
export interface CompareLoad {
  rates: number[];
  durationMs: number;
  warmupMs?: number;
  p95LimitMs?: number;
  errorRateLimit: number;
  /** @default 1000 */
  maxInFlight?: number;
  /** @default 30000 */
  requestTimeoutMs?: number;
  region?: string;
}

export interface ModeRun {
  mode: InventoryMode;
  /** Results JSON and metrics CSV of this mode go here (`<out>/<mode>`). */
  dir: string;
  outcome: LoadtestOutcome;
}
