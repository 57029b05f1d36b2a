import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SlowlogError } from '../../../src/slowlog/errors.ts';
import { parseLogLines } from '../../../src/slowlog/log-parser.ts';
import { dockerLogSource } from '../../../src/slowlog/sources/docker.ts';
import type { SlowLogEntry } from '../../../src/slowlog/types.ts';
import { FIXTURES_DIR } from '../fixture-lines.ts';

/**
 * A stand-in `docker` CLI (a real child process): records its arguments and replays a fixture on
 * stderr, as `docker logs` replays a container's stderr, or fails like a missing container.
 */
function fakeDocker(dir: string): string {
  const bin = path.join(dir, 'docker');
  writeFileSync(
    bin,
    [
      '#!/bin/sh',
      `echo "$@" >> "${dir}/args"`,
      'case "$*" in',
      `  *novamart-order-postgres) cat "${FIXTURES_DIR}/docker-orders.log" >&2; echo "stdout line" ;;`,
      '  *) echo "Error response from daemon: No such container: $3" >&2; exit 1 ;;',
      'esac',
      '',
    ].join('\n'),
  );
  chmodSync(bin, 0o755);
  return bin;
}

describe('dockerLogSource', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'novamart-docker-'));
  const dockerBin = fakeDocker(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parses what docker logs prints and passes --since in seconds', async () => {
    const source = dockerLogSource('orders', {
      dockerBin,
      sinceMs: 1_000_000 - 15 * 60_000,
      nowMs: 1_000_000,
    });
    const entries: SlowLogEntry[] = [];

    const stats = await parseLogLines(source.lines(), (entry) => entries.push(entry));

    expect(source.service).toBe('orders');
    expect(entries.map((e) => e.durationMs).sort()).toEqual([333, 344]);
    expect(stats.garbageLines).toBe(1); // the stdout line
    expect(readFileSync(path.join(dir, 'args'), 'utf8')).toContain(
      'logs --since 900s novamart-order-postgres',
    );
  });

  it('fails with the container and docker message when docker logs fails', async () => {
    const source = dockerLogSource('catalog', { dockerBin });

    const reading = parseLogLines(source.lines(), () => {});

    await expect(reading).rejects.toThrow(
      /docker logs novamart-catalog-postgres" exited with 1: Error response from daemon: No such container/,
    );
  });

  it('says Docker is needed when the docker binary is missing', async () => {
    const source = dockerLogSource('orders', { dockerBin: path.join(dir, 'no-such-docker') });

    const reading = parseLogLines(source.lines(), () => {});

    await expect(reading).rejects.toBeInstanceOf(SlowlogError);
    await expect(reading).rejects.toThrow(/was not found: --target localstack reads "docker logs/);
  });
});
