/**
 * The compose target's sampler: `docker stats --no-stream --format '{{json .}}'` once per
 * interval, one JSON object per container, turned into metrics rows. Docker prints sizes with
 * units (`7.5MiB / 15.5GiB`, `1.2MB / 0B`), parsed here.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { promisify } from 'node:util';
import type { Logger } from '../../src/shared/logger.ts';
import { formatMetricsRow, METRICS_CSV_HEADER, type MetricsSample } from './metrics-csv.ts';
import type { Sampler } from './process-sampler.ts';

const run = promisify(execFile);

const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `7.5MiB` -> 7864320; `0B` -> 0; anything unreadable -> undefined. */
export function parseDockerSize(text: string): number | undefined {
  const match = /^\s*([\d.]+)\s*([a-zA-Z]+)?\s*$/.exec(text);
  if (!match) return undefined;
  const factor = UNIT_BYTES[(match[2] ?? 'b').toLowerCase()];
  return factor === undefined ? undefined : Number(match[1]) * factor;
}

/** The rows of one `docker stats --no-stream --format '{{json .}}'` output. */
export function parseDockerStats(output: string, timestampMs: number): MetricsSample[] {
  const samples: MetricsSample[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const stats = JSON.parse(line) as Record<string, string>;
    const [read, write] = (stats.BlockIO ?? '').split('/');
    samples.push({
      timestampMs,
      source: 'docker',
      id: stats.ID ?? stats.Container ?? '',
      name: stats.Name ?? stats.Container ?? stats.ID ?? '',
      cpuPercent: Number.parseFloat(stats.CPUPerc ?? '0') || 0,
      memoryBytes: parseDockerSize((stats.MemUsage ?? '').split('/')[0] ?? '') ?? 0,
      readBytes: read === undefined ? undefined : parseDockerSize(read),
      writeBytes: write === undefined ? undefined : parseDockerSize(write),
    });
  }
  return samples;
}

export function startDockerSampler(options: {
  csvPath: string;
  intervalMs?: number;
  logger: Logger;
  now?: () => number;
}): Sampler {
  const now = options.now ?? Date.now;
  const out = createWriteStream(options.csvPath);
  out.write(`${METRICS_CSV_HEADER}\n`);
  let running: Promise<number> = Promise.resolve(0);

  const sampleOnce = async () => {
    const { stdout } = await run('docker', ['stats', '--no-stream', '--format', '{{json .}}']);
    const rows = parseDockerStats(stdout, now());
    for (const row of rows) out.write(`${formatMetricsRow(row)}\n`);
    return rows.length;
  };
  // docker stats takes about a second itself, so samples are chained, never overlapped.
  const timer = setInterval(() => {
    running = running.then(sampleOnce).catch((err: unknown) => {
      options.logger.warn({ err }, 'docker stats failed');
      return 0;
    });
  }, options.intervalMs ?? 2000);

  return {
    sampleOnce: () => {
      running = running.then(sampleOnce);
      return running;
    },
    async stop() {
      clearInterval(timer);
      await running.catch(() => 0);
      await new Promise<void>((resolve) => out.end(resolve));
    },
  };
}
