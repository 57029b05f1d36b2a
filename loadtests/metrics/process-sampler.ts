/**
 * Samples CPU% and RSS (pidusage) and cumulative disk I/O (/proc/<pid>/io, when readable) of a
 * process tree every interval into a metrics CSV, while a load test runs.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import pidusage from 'pidusage';
import type { Logger } from '../../src/shared/logger.ts';
import { formatMetricsRow, METRICS_CSV_HEADER, type MetricsSample } from './metrics-csv.ts';
import { processTree, type RootProcess } from './process-tree.ts';

export interface ProcessSamplerOptions {
  roots: RootProcess[];
  csvPath: string;
  intervalMs?: number;
  logger: Logger;
  now?: () => number;
}

export interface Sampler {
  /** Takes one sample now (also done every interval). */
  sampleOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startProcessSampler(options: ProcessSamplerOptions): Sampler {
  const now = options.now ?? Date.now;
  const out = createWriteStream(options.csvPath);
  out.write(`${METRICS_CSV_HEADER}\n`);
  let running: Promise<number> = Promise.resolve(0);

  const sampleOnce = async (): Promise<number> => {
    const tree = await processTree(options.roots);
    const timestampMs = now();
    const rows = await Promise.all(
      tree.map(async ({ pid, name }): Promise<MetricsSample | undefined> => {
        try {
          const usage = await pidusage(pid);
          const io = await readProcIo(pid);
          return {
            timestampMs,
            source: 'process',
            id: String(pid),
            name,
            cpuPercent: usage.cpu,
            memoryBytes: usage.memory,
            ...io,
          };
        } catch {
          return undefined; // it exited between the tree walk and the sample
        }
      }),
    );
    const present = rows.filter((row): row is MetricsSample => row !== undefined);
    for (const row of present) out.write(`${formatMetricsRow(row)}\n`);
    return present.length;
  };

  const timer = setInterval(() => {
    running = running.then(sampleOnce).catch((err: unknown) => {
      options.logger.warn({ err }, 'process sample failed');
      return 0;
    });
  }, options.intervalMs ?? 1000);

  return {
    sampleOnce: () => {
      running = running.then(sampleOnce);
      return running;
    },
    async stop() {
      clearInterval(timer);
      await running.catch(() => 0);
      pidusage.clear();
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}

/** Bytes read from and written to storage so far, from /proc/<pid>/io (own processes only). */
export async function readProcIo(
  pid: number,
): Promise<{ readBytes?: number; writeBytes?: number }> {
  try {
    const text = await readFile(`/proc/${pid}/io`, 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}: (\\d+)$`, 'm').exec(text);
      return match ? Number(match[1]) : undefined;
    };
    return { readBytes: field('read_bytes'), writeBytes: field('write_bytes') };
  } catch {
    return {};
  }
}
