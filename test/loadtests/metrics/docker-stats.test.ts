import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDockerSize, parseDockerStats } from '../../../loadtests/metrics/docker-stats.ts';

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

describe('docker stats parsing', () => {
  it('reads one sample per container from `docker stats --format {{json .}}`', async () => {
    const samples = parseDockerStats(await fixture('docker-stats.jsonl'), 1_000);

    expect(samples).toHaveLength(2);
    expect(samples[0]).toEqual({
      timestampMs: 1_000,
      source: 'docker',
      id: 'a1b2c3',
      name: 'novamart-catalog-1',
      cpuPercent: 85.2,
      memoryBytes: 256 * 1024 ** 2,
      readBytes: 12.3e6,
      writeBytes: 4100,
    });
    expect(samples[1].memoryBytes).toBe(64.5 * 1024 ** 2);
    expect(samples[1].readBytes).toBe(0);
  });

  it('parses decimal and binary size units', () => {
    expect(parseDockerSize('0B')).toBe(0);
    expect(parseDockerSize(' 1.5GiB ')).toBe(1.5 * 1024 ** 3);
    expect(parseDockerSize('2kB')).toBe(2000);
    expect(parseDockerSize('n/a')).toBeUndefined();
  });
});
