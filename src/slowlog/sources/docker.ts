/**
 * `docker logs` of the compose PostgreSQL containers (`--target localstack`). The postgres image
 * logs to stderr, which `docker logs` replays on its own stderr; stdout is read too.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SlowlogError } from '../errors.ts';
import type { ServiceName } from '../types.ts';
import type { LogSource } from './source.ts';

export const COMPOSE_CONTAINERS: Readonly<Record<ServiceName, string>> = {
  catalog: 'novamart-catalog-postgres',
  orders: 'novamart-order-postgres',
};

export interface DockerLogOptions {
  /** The docker CLI to run. @default `NOVAMART_DOCKER` or `docker` on PATH */
  dockerBin?: string;
  /** Passed to `docker logs --since` so the daemon sends less. */
  sinceMs?: number;
  nowMs?: number;
}

export function dockerLogSource(service: ServiceName, options: DockerLogOptions = {}): LogSource {
  const container = COMPOSE_CONTAINERS[service];
  return {
    label: `docker logs ${container}`,
    service,
    lines: () => dockerLogLines(container, options),
  };
}

async function* dockerLogLines(
  container: string,
  options: DockerLogOptions,
): AsyncIterable<string> {
  const dockerBin = options.dockerBin ?? process.env.NOVAMART_DOCKER ?? 'docker';
  const args = ['logs'];
  if (options.sinceMs !== undefined) {
    const seconds = Math.max(
      1,
      Math.ceil(((options.nowMs ?? Date.now()) - options.sinceMs) / 1000),
    );
    args.push('--since', `${seconds}s`);
  }
  args.push(container);

  const child = spawn(dockerBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  const queue = new LineQueue();
  let lastLine = '';
  for (const stream of [child.stdout, child.stderr]) {
    const reader = createInterface({ input: stream, crlfDelay: Infinity });
    queue.open();
    reader.on('line', (line) => {
      lastLine = line;
      queue.push(line);
    });
    reader.once('close', () => queue.close());
  }
  exited.catch(() => queue.abort());

  yield* queue.drain();
  const code = await exited.catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      throw new SlowlogError(
        'DockerNotFound',
        `"${dockerBin}" was not found: --target localstack reads "docker logs ${container}", so it ` +
          'needs the Docker CLI on PATH (or NOVAMART_DOCKER set to it)',
        { cause: err },
      );
    }
    throw err;
  });
  if (code !== 0) {
    throw new SlowlogError(
      'DockerLogsFailed',
      `"docker logs ${container}" exited with ${code}: ${lastLine || 'no output'}; ` +
        'is the compose stack up (novamart localstack up)?',
    );
  }
}

/** Lines from several readers, in arrival order, ending when every reader closed. */
class LineQueue {
  private readonly lines: string[] = [];
  private openReaders = 0;
  private aborted = false;
  private wake: (() => void) | undefined;

  open(): void {
    this.openReaders++;
  }

  push(line: string): void {
    this.lines.push(line);
    this.notify();
  }

  close(): void {
    this.openReaders--;
    this.notify();
  }

  abort(): void {
    this.aborted = true;
    this.notify();
  }

  async *drain(): AsyncIterable<string> {
    while (true) {
      while (this.lines.length > 0) yield this.lines.shift()!;
      if (this.openReaders === 0 || this.aborted) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
