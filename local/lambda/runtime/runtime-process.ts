/**
 * One warm function process: a `node` child running bootstrap.mjs, serving one invocation at a
 * time over IPC. The parent owns the timeout (a stuck handler cannot be trusted to stop itself):
 * when it fires, or when the child dies mid-invocation, the process is killed and reported dead
 * so the pool replaces it.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BOOTSTRAP_PATH = fileURLToPath(new URL('./bootstrap.mjs', import.meta.url));

export interface RuntimeProcessOptions {
  /** Complete environment of the child (nothing is inherited from this process). */
  env: Record<string, string>;
  cwd: string;
  /** Output written before the handler's console is patched, or outside any invocation. */
  onStrayLogs(lines: string[]): void;
}

export interface InvocationRequest {
  requestId: string;
  /** The event as JSON text; `''` means `{}`. */
  payload: string;
  invokedFunctionArn: string;
  timeoutMs: number;
}

export interface InvocationOutcome {
  /** The result as JSON text, or the error payload when `errorType` is set. */
  body: string;
  /** Set when the function failed: `Error`, `Sandbox.Timedout`, `Runtime.ExitError`, ... */
  errorType?: string;
  logs: string[];
  timedOut: boolean;
  rssBytes?: number;
}

interface ChildReply {
  id?: number;
  ok?: boolean;
  body?: string;
  logs?: string[];
  rssBytes?: number;
}

interface Pending {
  id: number;
  request: InvocationRequest;
  resolve(outcome: InvocationOutcome): void;
  timer: NodeJS.Timeout;
  timedOut?: boolean;
}

export class RuntimeProcess {
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private nextId = 1;
  private exited = false;
  private readonly exitPromise: Promise<void>;

  constructor(
    private readonly options: RuntimeProcessOptions,
    /** Pools compare this to drop processes started before a code or configuration change. */
    readonly generation: number,
  ) {
    this.child = fork(BOOTSTRAP_PATH, [], {
      cwd: options.cwd,
      env: options.env,
      // The parent may run under tsx or vitest loaders; the function must start on bare node.
      execArgv: functionNodeArgs(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child.stdout?.on('data', (chunk: Buffer) => this.strayOutput(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.strayOutput(chunk));
    this.child.on('message', (reply: ChildReply) => this.onReply(reply));
    this.exitPromise = new Promise((resolve) => {
      const onGone = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exited) return;
        this.exited = true;
        this.onExit(code, signal);
        resolve();
      };
      this.child.once('exit', onGone);
      // A child that never started (its folder is gone) reports 'error' and may never 'exit'.
      this.child.on('error', () => {
        if (this.child.pid === undefined) onGone(127, null);
        else this.child.kill('SIGKILL');
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.exited && this.child.connected;
  }

  invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    if (this.pending) throw new Error('a runtime process serves one invocation at a time');
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timer = setTimeout(() => this.onTimeout(), request.timeoutMs);
      this.pending = { id, request, resolve, timer };
      if (!this.alive) return this.onExit(null, null);
      this.child.send({
        id,
        payload: request.payload,
        requestId: request.requestId,
        invokedFunctionArn: request.invokedFunctionArn,
        deadlineMs: Date.now() + request.timeoutMs,
      });
    });
  }

  /** Kills the process and waits until it is gone. */
  async kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    await this.exitPromise;
  }

  private onReply(reply: ChildReply): void {
    if (reply.id === undefined) {
      if (reply.logs) this.options.onStrayLogs(reply.logs);
      return;
    }
    const pending = this.pending;
    if (!pending || pending.id !== reply.id) return;
    this.settle({
      body: reply.body ?? 'null',
      errorType: reply.ok ? undefined : errorTypeOf(reply.body),
      logs: reply.logs ?? [],
      timedOut: false,
      rssBytes: reply.rssBytes,
    });
  }

  /** Kills the stuck process; the invocation settles once it is gone, so callers never see it alive. */
  private onTimeout(): void {
    if (!this.pending) return;
    this.pending.timedOut = true;
    this.child.kill('SIGKILL');
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const pending = this.pending;
    if (!pending) return;
    const { requestId, timeoutMs } = pending.request;
    if (pending.timedOut) {
      const seconds = (timeoutMs / 1000).toFixed(2);
      this.settle({
        body: JSON.stringify({
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds`,
        }),
        errorType: 'Sandbox.Timedout',
        logs: [],
        timedOut: true,
      });
      return;
    }
    const status = signal ? `signal ${signal}` : `exit status ${code}`;
    this.settle({
      body: JSON.stringify({
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${status}`,
      }),
      errorType: 'Runtime.ExitError',
      logs: [],
      timedOut: false,
    });
  }

  private settle(outcome: InvocationOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(outcome);
  }

  private strayOutput(chunk: Buffer): void {
    this.options.onStrayLogs(chunk.toString('utf8').replace(/\n$/, '').split('\n'));
  }
}

function errorTypeOf(body: string | undefined): string {
  try {
    const parsed = JSON.parse(body ?? '{}') as { errorType?: unknown };
    return typeof parsed.errorType === 'string' ? parsed.errorType : 'Unhandled';
  } catch {
    return 'Unhandled';
  }
}

/**
 * Node flags for function processes from `NOVAMART_LAMBDA_NODE_ARGS` (space-separated), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a handler under load. None by default.
 */
function functionNodeArgs(): string[] {
  return (process.env.NOVAMART_LAMBDA_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
}
