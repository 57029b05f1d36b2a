/**
 * Runs one invocation on a process the caller took from the function's pool, gives the process
 * back, and writes the invocation's log as Lambda does: START, the handler's lines, END, REPORT.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { LambdaFunction } from './lambda-function.ts';
import type { FunctionLogStore } from './log-store.ts';
import type { RuntimeProcess } from './runtime/runtime-process.ts';

export interface InvocationResult {
  requestId: string;
  /** JSON text: the result, or the error payload when `errorType` is set. */
  body: string;
  errorType?: string;
  /** This invocation's log lines, START to REPORT. */
  logLines: string[];
}

export async function runInvocation(
  fn: LambdaFunction,
  proc: RuntimeProcess,
  payload: string,
  logs: FunctionLogStore,
  requestId: string = randomUUID(),
): Promise<InvocationResult> {
  const startedMs = performance.now();
  let outcome: Awaited<ReturnType<RuntimeProcess['invoke']>>;
  try {
    outcome = await proc.invoke({
      requestId,
      payload,
      invokedFunctionArn: fn.arn,
      timeoutMs: fn.timeoutSeconds * 1000,
    });
  } finally {
    fn.pool.release(proc);
  }
  const durationMs = performance.now() - startedMs;

  const lines = [`START RequestId: ${requestId} Version: $LATEST`, ...outcome.logs];
  if (outcome.timedOut) {
    lines.push(
      `${new Date().toISOString()} ${requestId} Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds`,
    );
  }
  const usedMb = outcome.rssBytes ? Math.round(outcome.rssBytes / 1048576) : 0;
  lines.push(
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\t` +
      `Billed Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${fn.memorySizeMb} MB\t` +
      `Max Memory Used: ${usedMb} MB`,
  );
  logs.append(fn.name, lines);

  return { requestId, body: outcome.body, errorType: outcome.errorType, logLines: lines };
}
