/**
 * Asynchronous (`Event`) invocations: queued in memory per function (the pool's waiting line),
 * run within the function's concurrency, retried after a function error with a doubling delay
 * up to `MaximumRetryAttempts`, then sent to the dead-letter queue when one is configured.
 */
import { randomUUID } from 'node:crypto';
import type { CloudContext } from '../context.ts';
import type { FunctionRegistry } from './function-registry.ts';
import type { FunctionLogStore } from './log-store.ts';
import { runInvocation } from './run-invocation.ts';

export interface AsyncInvokerOptions {
  /** Delay before the first retry; each later retry waits twice as long. @default 1000 */
  retryBaseDelayMs: number;
}

interface QueuedEvent {
  functionName: string;
  payload: string;
  requestId: string;
  /** Retries already made. */
  retries: number;
  enqueuedAtMs: number;
}

export class AsyncInvoker {
  private readonly running = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly ctx: CloudContext,
    private readonly registry: FunctionRegistry,
    private readonly logs: FunctionLogStore,
    private readonly options: AsyncInvokerOptions,
  ) {}

  /** Queues one event and returns its request id at once. */
  enqueue(functionName: string, payload: string): string {
    const requestId = randomUUID();
    this.start({ functionName, payload, requestId, retries: 0, enqueuedAtMs: this.ctx.now() });
    return requestId;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await Promise.all(this.running);
  }

  private start(event: QueuedEvent): void {
    const run = this.attempt(event).catch((err: unknown) => {
      this.ctx.logger.error({ err, function: event.functionName }, 'async invocation failed');
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async attempt(event: QueuedEvent): Promise<void> {
    const fn = this.registry.find(event.functionName);
    if (!fn || this.closed) return;
    let proc: Awaited<ReturnType<typeof fn.pool.acquire>>;
    try {
      proc = await fn.pool.acquire();
    } catch {
      return; // the function was deleted or the cloud is closing: the event goes with it
    }
    const result = await runInvocation(fn, proc, event.payload, this.logs, event.requestId);
    if (!result.errorType || this.closed) return;

    const ageSeconds = (this.ctx.now() - event.enqueuedAtMs) / 1000;
    if (event.retries < fn.maximumRetryAttempts && ageSeconds < fn.maximumEventAgeSeconds) {
      const delayMs = this.options.retryBaseDelayMs * 2 ** event.retries;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.start({ ...event, retries: event.retries + 1 });
      }, delayMs);
      this.retryTimers.add(timer);
      return;
    }
    await this.deadLetter(fn.deadLetterTargetArn, event, result.body);
  }

  private async deadLetter(targetArn: string | undefined, event: QueuedEvent, errorBody: string) {
    const log = {
      function: event.functionName,
      requestId: event.requestId,
      retries: event.retries,
    };
    if (!targetArn || !this.ctx.sqs) {
      this.ctx.logger.warn(log, 'async invocation failed after retries; no dead-letter queue');
      return;
    }
    try {
      await this.ctx.sqs.sendMessageByArn(targetArn, event.payload, {
        RequestID: { DataType: 'String', StringValue: event.requestId },
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: { DataType: 'String', StringValue: errorMessageOf(errorBody) },
      });
      this.ctx.logger.info({ ...log, targetArn }, 'async invocation sent to dead-letter queue');
    } catch (err) {
      this.ctx.logger.error({ ...log, targetArn, err }, 'dead-letter queue refused the event');
    }
  }
}

function errorMessageOf(errorBody: string): string {
  try {
    const parsed = JSON.parse(errorBody) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : errorBody;
  } catch {
    return errorBody;
  }
}
