/**
 * The Lambda service of the local cloud: functions run as warm Node child processes, invoked
 * synchronously, asynchronously (queued, retried, dead-lettered) or by SQS event source
 * mappings. See routes.ts for the operations served.
 */
import type { CloudContext, LambdaBackend } from '../context.ts';
import { AwsError, isAwsError } from '../errors.ts';
import type { AwsRequest, AwsResponse, ServiceHandler } from '../types.ts';
import { AsyncInvoker } from './async-invoker.ts';
import { lambdaErrorResponse } from './errors.ts';
import { MappingManager } from './event-source/mapping-manager.ts';
import { FunctionRegistry } from './function-registry.ts';
import { processEnvironment } from './lambda-function.ts';
import { FunctionLogStore } from './log-store.ts';
import { findRoute } from './routes.ts';
import { FunctionPool } from './runtime/function-pool.ts';
import type { LambdaServiceState } from './service-state.ts';

export interface LambdaServiceOptions {
  /** Concurrent executions per function when no reserved concurrency is set. @default 10 */
  defaultConcurrency?: number;
  /** Folder where each function's log is appended as `<function>.log`; memory only when unset. */
  logsDir?: string;
  /** Log lines kept in memory per function. @default 1000 */
  logLinesPerFunction?: number;
  /** Delay before the first async retry; later retries double it. @default 1000 */
  asyncRetryBaseDelayMs?: number;
  /** Long-poll wait of event source mapping receives; bounds how long close() leaves one pending. @default 5 */
  sqsPollWaitSeconds?: number;
  /** Pause after a failed SQS receive. @default 1000 */
  sqsErrorBackoffMs?: number;
}

export interface LambdaService extends ServiceHandler, LambdaBackend {
  /** The function's recent log lines (START/END/REPORT and its console output). */
  functionLogs(functionName: string): string[];
  /** Pids of the function's warm and busy processes. */
  functionPids(functionName: string): number[];
}

export function createLambdaService(
  ctx: CloudContext,
  options: LambdaServiceOptions = {},
): LambdaService {
  const logs = new FunctionLogStore({
    logsDir: options.logsDir,
    maxLines: options.logLinesPerFunction,
  });
  const registry = new FunctionRegistry(ctx, options.defaultConcurrency ?? 10);
  const asyncInvoker = new AsyncInvoker(ctx, registry, logs, {
    retryBaseDelayMs: options.asyncRetryBaseDelayMs ?? 1000,
  });
  const mappings = new MappingManager(ctx, registry, logs, {
    pollWaitSeconds: options.sqsPollWaitSeconds ?? 5,
    errorBackoffMs: options.sqsErrorBackoffMs ?? 1000,
  });
  const state: LambdaServiceState = {
    ctx,
    registry,
    logs,
    asyncInvoker,
    mappings,
    createPool: (current) =>
      new FunctionPool(
        () => ({
          env: processEnvironment(current(), ctx),
          cwd: current().code.dir,
          onStrayLogs: (lines) => logs.append(current().name, lines),
        }),
        () => registry.capacityOf(current()),
      ),
  };

  return {
    name: 'lambda',

    async handle(req: AwsRequest): Promise<AwsResponse> {
      const found = findRoute(req.method, req.path);
      try {
        if (!found) {
          throw new AwsError(
            'UnknownOperationException',
            `Lambda ${req.method} ${req.path} is not served by the local cloud; see local/lambda/routes.ts for what is.`,
            400,
          );
        }
        return await found.route.operation(state, req, found.resource);
      } catch (err) {
        if (isAwsError(err)) return lambdaErrorResponse(err);
        throw err;
      }
    },

    async invokeAsync(functionArnOrName: string, payload: string): Promise<void> {
      const fn = registry.get(functionArnOrName);
      asyncInvoker.enqueue(fn.name, payload);
    },

    functionExists: (functionArnOrName) => registry.find(functionArnOrName) !== undefined,

    functionLogs: (functionName) => logs.read(functionName),

    functionPids: (functionName) => registry.find(functionName)?.pool.pids ?? [],

    async close(): Promise<void> {
      // Pollers first so no new batch starts; then processes, which ends every running invocation.
      const stoppingPollers = mappings.close();
      const stoppingAsync = asyncInvoker.close();
      await registry.close();
      await Promise.all([stoppingPollers, stoppingAsync]);
      await logs.close();
    },
  };
}
