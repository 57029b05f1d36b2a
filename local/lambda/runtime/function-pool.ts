/**
 * The warm processes of one function and its concurrency cap. A process is busy for exactly one
 * invocation. Synchronous callers take a slot or are refused (Lambda answers 429); asynchronous
 * work and event source mappings wait in line for one.
 */
import { RuntimeProcess, type RuntimeProcessOptions } from './runtime-process.ts';

interface Waiter {
  resolve(proc: RuntimeProcess): void;
  reject(err: Error): void;
}

export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
}

export class FunctionPool {
  private readonly idle: RuntimeProcess[] = [];
  private readonly busy = new Set<RuntimeProcess>();
  private readonly waiters: Waiter[] = [];
  private readonly exiting = new Set<Promise<void>>();
  private generation = 0;
  private closed = false;

  constructor(
    private readonly processOptions: () => RuntimeProcessOptions,
    /** Read on every acquire, so a new reserved concurrency applies at once. */
    private readonly capacity: () => number,
  ) {}

  get busyCount(): number {
    return this.busy.size;
  }

  /** Pids of every live process, for tests and diagnostics. */
  get pids(): number[] {
    return [...this.idle, ...this.busy].flatMap((proc) => (proc.pid ? [proc.pid] : []));
  }

  /** A process for one invocation, or undefined when the function is at its cap. */
  tryAcquire(): RuntimeProcess | undefined {
    if (this.closed || this.busy.size >= this.capacity()) return undefined;
    return this.take();
  }

  /** Waits, first come first served, until a slot is free. */
  acquire(): Promise<RuntimeProcess> {
    if (this.closed) return Promise.reject(new PoolClosedError('function is closed'));
    if (this.waiters.length === 0) {
      const proc = this.tryAcquire();
      if (proc) return Promise.resolve(proc);
    }
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  release(proc: RuntimeProcess): void {
    this.busy.delete(proc);
    const stale = proc.generation !== this.generation || this.closed;
    if (!proc.alive || stale) this.retire(proc);
    else this.idle.push(proc);
    this.serveWaiters();
  }

  /** New code or configuration: idle processes go now, busy ones when their invocation ends. */
  restart(): void {
    this.generation++;
    for (const proc of this.idle.splice(0)) this.retire(proc);
  }

  /** Call after the cap grew, so waiting work starts. */
  serveWaiters(): void {
    while (this.waiters.length > 0 && !this.closed && this.busy.size < this.capacity()) {
      this.waiters.shift()!.resolve(this.take());
    }
    // A lower cap leaves more warm processes than can ever run at once.
    while (this.idle.length > 0 && this.idle.length + this.busy.size > this.capacity()) {
      this.retire(this.idle.shift()!);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0))
      waiter.reject(new PoolClosedError('function is closed'));
    for (const proc of [...this.idle.splice(0), ...this.busy]) this.retire(proc);
    this.busy.clear();
    await Promise.all(this.exiting);
  }

  private take(): RuntimeProcess {
    let proc = this.idle.pop();
    while (proc && !proc.alive) {
      this.retire(proc);
      proc = this.idle.pop();
    }
    proc ??= new RuntimeProcess(this.processOptions(), this.generation);
    this.busy.add(proc);
    return proc;
  }

  private retire(proc: RuntimeProcess): void {
    const exit = proc.kill();
    this.exiting.add(exit);
    void exit.then(() => this.exiting.delete(exit));
  }
}
