/** Runs `novamart worker` as a real child process against the test's local cloud. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CloudFixture } from '../helpers/cloud.ts';

const cliPath = fileURLToPath(new URL('../../bin/novamart.mjs', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker logged so far (pino JSON lines). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once the worker logged that it is polling (startup through tsx takes seconds). */
  ready: Promise<void>;
}

export function spawnWorker(
  cloud: CloudFixture,
  queueUrl: string,
  extraArgs: string[] = [],
): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      cliPath,
      'worker',
      '--endpoint',
      cloud.endpoint,
      '--queue-url',
      queueUrl,
      '--wait-time-seconds',
      '1',
      ...extraArgs,
    ],
    {
      env: { ...cloud.cliEnv, AWS_REGION: 'us-east-1', NOVAMART_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk) => {
    output += chunk;
    if (output.includes('"worker polling"')) markReady();
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited, ready };
}

/** Polls `check` every `intervalMs` until it returns true or `timeoutMs` passes. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
