/**
 * The two servers the benchmark compares, each a child process in its own process group so the
 * client (this process) never shares an event loop with the server it measures, as a user runs it:
 * `novamart local start` and moto's `moto_server`. Both bind 127.0.0.1 only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../src/shared/free-port.ts';

const HOST = '127.0.0.1';
const CLI_PATH = fileURLToPath(new URL('../../bin/novamart.mjs', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export interface BenchServer {
  /** `local` or `moto`: the column the figures land in. */
  name: string;
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

export interface LocalCloudProcessOptions {
  /** Folder for `node --cpu-prof` output of the local cloud process; no profiling when unset. */
  cpuProfileDir?: string;
}

export class ServerStartError extends Error {
  constructor(name: string, reason: string, output: string) {
    super(`${name} did not start: ${reason}.\nIts output so far:\n${output.slice(-2000)}`);
    this.name = 'ServerStartError';
  }
}

/** Keeps the last few KB of a child's output for error messages and drains the pipe so it never blocks. */
function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

function isGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * SIGTERM to the server's own pid (stopping its Lambda processes is the local cloud's job, so it
 * must get the chance), then, if anything of its process group is still alive after the grace
 * period, SIGKILL to the group, and say so: a leftover process is a bug worth reporting.
 */
async function stopGroup(
  name: string,
  child: ChildProcess,
  onLeftover: (msg: string) => void,
): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const stopStart = performance.now();
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  }
  const groupGone = await waitFor(() => !isGroupAlive(pid), 2_000);
  if (!groupGone) {
    const main =
      child.exitCode === null && child.signalCode === null
        ? `pid ${pid} still running`
        : `pid ${pid} exited (${child.exitCode ?? child.signalCode}) but others in its group did not`;
    const waitedMs = Math.round(performance.now() - stopStart);
    onLeftover(`${name}: ${main} ${waitedMs} ms after SIGTERM; the group was killed with SIGKILL`);
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone between the check and the kill.
    }
  }
}

function spawnServer(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
}

async function waitUntilHealthy(
  endpoint: string,
  path: string,
  child: ChildProcess,
): Promise<string | undefined> {
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  const ok = await waitFor(async () => {
    if (exited) return true;
    try {
      const res = await fetch(new URL(path, endpoint), { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      return res.status < 500;
    } catch {
      return false;
    }
  }, READY_TIMEOUT_MS);
  if (exited) return `it exited with code ${child.exitCode ?? child.signalCode}`;
  return ok ? undefined : `no answer on ${endpoint}${path} within ${READY_TIMEOUT_MS} ms`;
}

export async function startLocalCloudProcess(
  options: LocalCloudProcessOptions,
  onLeftover: (msg: string) => void,
): Promise<BenchServer> {
  const port = await findFreePort(HOST);
  const nodeArgs = options.cpuProfileDir
    ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir]
    : [];
  const child = spawnServer(
    process.execPath,
    [...nodeArgs, CLI_PATH, 'local', 'start', '--port', String(port), '--host', HOST],
    // The default log level, as a user runs it.
    process.env,
  );
  const output = captureOutput(child);
  const endpoint = `http://${HOST}:${port}`;
  const failure = await waitUntilHealthy(endpoint, '/_localstack/health', child);
  const server: BenchServer = {
    name: 'local',
    endpoint,
    pid: child.pid ?? -1,
    stop: () => stopGroup('local cloud', child, onLeftover),
  };
  if (failure) {
    await server.stop();
    throw new ServerStartError('the local cloud', failure, output());
  }
  return server;
}

export async function startMotoServer(onLeftover: (msg: string) => void): Promise<BenchServer> {
  const port = await findFreePort(HOST);
  const child = spawnServer('moto_server', ['-H', HOST, '-p', String(port)], process.env);
  const output = captureOutput(child);
  const spawnFailure = new Promise<string>((resolve) =>
    child.once('error', (err) => resolve(err.message)),
  );
  const endpoint = `http://${HOST}:${port}`;
  const failure = await Promise.race([
    waitUntilHealthy(endpoint, '/moto-api/', child),
    spawnFailure,
  ]);
  const server: BenchServer = {
    name: 'moto',
    endpoint,
    pid: child.pid ?? -1,
    stop: () => stopGroup('moto_server', child, onLeftover),
  };
  if (failure) {
    await server.stop();
    throw new ServerStartError('moto_server (is moto[server] installed?)', failure, output());
  }
  return server;
}
