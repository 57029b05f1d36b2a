/**
 * N replicas of a service, each a child process (`node --import tsx <entry>`) on its own free
 * port, behind one round-robin balancer: the embedded stand-in for an ECS service behind an ALB.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { findFreePort } from '../shared/free-port.ts';
import type { Logger } from '../shared/logger.ts';
import { type Balancer, startBalancer } from './round-robin-balancer.ts';

export interface ReplicaSetOptions {
  /** `catalog`, `orders`: replicas are named `<service>-1` ... `<service>-N`. */
  service: string;
  /** The service's entry file, e.g. `services/catalog/main.ts`. */
  entry: string;
  count: number;
  logger: Logger;
  /** Added to this process's environment; PORT, HOST and INSTANCE_ID are set per replica. */
  env?: NodeJS.ProcessEnv;
  /** The balancer's port. @default 0 (a free port) */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  cwd?: string;
  /** How long a replica may take to answer GET /health with 200. @default 60000 */
  readyTimeoutMs?: number;
  /** After SIGTERM, how long before SIGKILL. @default 10000 */
  stopTimeoutMs?: number;
}

export interface Replica {
  name: string;
  port: number;
  pid: number;
  process: ChildProcess;
}

export interface ReplicaSet {
  url: string;
  port: number;
  replicas: Replica[];
  balancer: Balancer;
  /** Stops the balancer, then every replica; resolves when no child is left. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL_CHARS = 4_000;

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitUntilHealthy(
  replica: Replica,
  output: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(replica.process)) {
      throw new Error(`Replica ${replica.name} exited while starting: ${output().trim()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${replica.port}/health`, {
        signal: AbortSignal.timeout(1_000),
      });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Replica ${replica.name} was not healthy within ${timeoutMs} ms: ${output().trim()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function startReplicaSet(options: ReplicaSetOptions): Promise<ReplicaSet> {
  const { logger, service } = options;
  if (!Number.isInteger(options.count) || options.count < 1) {
    throw new RangeError(`Replica count must be an integer of at least 1; got ${options.count}`);
  }
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  const replicas: Replica[] = [];
  const outputs: string[] = [];
  const killOnExit = () => {
    for (const replica of replicas) replica.process.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stopReplicas = async () => {
    process.removeListener('exit', killOnExit);
    await Promise.all(replicas.map((replica) => stopChild(replica.process, stopTimeoutMs)));
  };

  try {
    for (let index = 1; index <= options.count; index++) {
      const name = `${service}-${index}`;
      const port = await findFreePort();
      const child = spawn(process.execPath, ['--import', 'tsx', options.entry], {
        cwd: options.cwd,
        env: {
          ...process.env,
          ...options.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          INSTANCE_ID: name,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const slot = outputs.push('') - 1;
      const keep = (chunk: Buffer) => {
        outputs[slot] = (outputs[slot] + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.on('exit', (code, signal) =>
        logger.debug({ replica: name, code, signal }, 'replica exited'),
      );
      replicas.push({ name, port, pid: child.pid ?? 0, process: child });
    }
    await Promise.all(
      replicas.map((replica, index) =>
        waitUntilHealthy(replica, () => outputs[index], options.readyTimeoutMs ?? 60_000),
      ),
    );
  } catch (err) {
    await stopReplicas();
    throw err;
  }

  const balancer = await startBalancer({
    upstreams: replicas.map((replica) => ({
      name: replica.name,
      host: '127.0.0.1',
      port: replica.port,
    })),
    logger,
    port: options.port,
    host: options.host,
  }).catch(async (err) => {
    await stopReplicas();
    throw err;
  });
  logger.info(
    { service, url: balancer.url, replicas: replicas.map((r) => `${r.name}:${r.port}`) },
    'replicas ready',
  );

  return {
    url: balancer.url,
    port: balancer.port,
    replicas,
    balancer,
    async stop() {
      await balancer.close();
      await stopReplicas();
    },
  };
}
