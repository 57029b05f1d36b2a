/**
 * The demo's local cloud as a child process (`novamart local start`), as a user runs it. In the
 * demo's own process it would share one event loop with the load generator: every request the
 * generator sends would wait behind the cloud's work and the other way round, which is latency
 * neither mode has on its own, and the cloud could never use the second core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI_PATH = fileURLToPath(new URL('../../bin/novamart.mjs', import.meta.url));
const READY_LINE = /local cloud ready on (\S+)/;

export interface CloudProcess {
  endpoint: string;
  pid: number;
  /** Where the cloud's own log goes. */
  logFile: string;
  /** SIGTERM, which stops everything the cloud started; SIGKILL if it takes over `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface CloudProcessOptions {
  /** 0 means any free port. */
  port: number;
  stateDir: string;
  /** @default 60000 */
  readyTimeoutMs?: number;
}

export class CloudStartError extends Error {
  override readonly name = 'CloudStartError';
}

export async function startCloudProcess(options: CloudProcessOptions): Promise<CloudProcess> {
  const logDir = path.join(options.stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'local-cloud.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      CLI_PATH,
      'local',
      'start',
      '--port',
      String(options.port),
      '--host',
      '127.0.0.1',
      '--state-dir',
      options.stateDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => log.end());

  const endpoint = await readyEndpoint(child, log, options.readyTimeoutMs ?? 60_000, logFile);
  return {
    endpoint,
    pid: child.pid!,
    logFile,
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the endpoint of the ready line; copies everything to the log as it goes. */
function readyEndpoint(
  child: ChildProcess,
  log: NodeJS.WritableStream,
  timeoutMs: number,
  logFile: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new CloudStartError(`the local cloud ${why}; its log is ${logFile}`));
    };
    const timer = setTimeout(() => fail(`was not ready after ${timeoutMs / 1000} s`), timeoutMs);
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      seen += chunk.toString('utf8');
      const match = READY_LINE.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout?.off('data', onData);
      child.stdout?.pipe(log, { end: false });
      resolve(match[1]);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited before it was ready (${signal ?? `exit code ${code}`})`);
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}
