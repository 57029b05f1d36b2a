/**
 * The CDK context values this app reads (`cdk synth -c name=value`), each validated with an error
 * that names the allowed values and the value received.
 */
import { DEFAULT_SLOW_QUERY_MS } from './postgres-settings.ts';

export const INVENTORY_MODES = ['lambda', 'worker'] as const;
export type InventoryMode = (typeof INVENTORY_MODES)[number];

export const DEPLOY_TARGETS = ['aws', 'localstack', 'embedded'] as const;
export type DeployTarget = (typeof DEPLOY_TARGETS)[number];

/** Reserved concurrency of the inventory Lambda unless `-c inventoryConcurrency=N` says otherwise. */
export const DEFAULT_INVENTORY_CONCURRENCY = 20;

/**
 * SQS pollers in the worker unless `-c workerPollers=N` says otherwise. Each has up to 10
 * messages in flight and receives again only when its whole batch is done, so the pollers bound
 * the worker's throughput, not its CPU: on the 2-core development machine, 4 pollers reached
 * 768 of 800 orders/s (p95 607 ms) with the worker at 47% CPU; 8 held 799/s at p95 113 ms.
 */
export const DEFAULT_WORKER_POLLERS = 8;

export interface AppSettings {
  /** `lambda` (default): the order.placed rule invokes the Lambda; `worker`: it feeds a queue a worker drains. */
  inventoryMode: InventoryMode;
  /** `embedded` (default), `aws` or `localstack`; see NovaMartStack for what each changes. */
  target: DeployTarget;
  /** Postgres `log_min_duration_statement`; statements slower than this are logged. */
  slowQueryMs: number;
  /** Reserved concurrent executions of the inventory Lambda. */
  inventoryConcurrency: number;
  /** SQS pollers of the inventory worker (worker mode), each with a batch of up to 10 in flight. */
  workerPollers: number;
}

export class ContextValueError extends Error {
  override readonly name = 'ContextValueError';
}

type ContextReader = (key: string) => unknown;

function oneOf<T extends string>(
  read: ContextReader,
  key: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = read(key) ?? fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw new ContextValueError(
    `Context "${key}" must be one of ${allowed.join(', ')}, got "${String(value)}". ` +
      `Pass it as: cdk synth -c ${key}=${allowed[0]}`,
  );
}

function wholeNumber(read: ContextReader, key: string, min: number, fallback: number): number {
  const raw = read(key) ?? fallback;
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min) return value;
  throw new ContextValueError(
    `Context "${key}" must be a whole number of at least ${min}, got "${String(raw)}".`,
  );
}

/** The context values besides the mode and the target, which have flags of their own. */
export const TUNING_CONTEXT_KEYS = [
  'slowQueryMs',
  'inventoryConcurrency',
  'workerPollers',
] as const;

/** Reads and validates every context value; `read` is `app.node.tryGetContext`. */
export function readAppSettings(read: ContextReader): AppSettings {
  return {
    inventoryMode: oneOf(read, 'inventoryMode', INVENTORY_MODES, 'lambda'),
    target: oneOf(read, 'target', DEPLOY_TARGETS, 'embedded'),
    slowQueryMs: wholeNumber(read, 'slowQueryMs', 0, DEFAULT_SLOW_QUERY_MS),
    inventoryConcurrency: wholeNumber(
      read,
      'inventoryConcurrency',
      1,
      DEFAULT_INVENTORY_CONCURRENCY,
    ),
    workerPollers: wholeNumber(read, 'workerPollers', 1, DEFAULT_WORKER_POLLERS),
  };
}
