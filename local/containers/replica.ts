/**
 * One replica of a service: a child process restarted after a crash (as ECS replaces a task),
 * with its output appended to a log file a person can read.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../src/shared/logger.ts';

const RESTART_DELAY_MS = 1_000;
const STOP_GRACE_MS = 30_000;

export interface ReplicaOptions {
  instanceId: string;
  command: string[];
  env: Record<string, string>;
  cwd: string;
  logDir: string;
  logger: Logger;
}

export class Replica {
  private child?: ChildProcess;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;
  private readonly log: WriteStream;

  constructor(private readonly options: ReplicaOptions) {
    mkdirSync(options.logDir, { recursive: true });
    this.log = createWriteStream(join(options.logDir, `${options.instanceId}.log`), { flags: 'a' });
    this.spawn();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** False once the current process has exited (a restart may follow). */
  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  private spawn(): void {
    const [program, ...args] = this.options.command;
    // Images run `node`; locally that is the Node running us, whatever PATH says.
    const executable = program === 'node' ? process.execPath : program!;
    const child = spawn(executable, args, {
      cwd: this.options.cwd,
      env: { ...process.env, ...this.options.env, INSTANCE_ID: this.options.instanceId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.options.logger.warn(
        { instance: this.options.instanceId, code, signal },
        'replica exited; restarting',
      );
      this.restartTimer = setTimeout(() => this.spawn(), RESTART_DELAY_MS);
    });
    this.child = child;
  }

  /** SIGTERM, then SIGKILL after the grace period, as ECS stops a task. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    this.log.end();
  }
}
