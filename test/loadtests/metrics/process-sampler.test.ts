import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMetricsCsv } from '../../../loadtests/metrics/metrics-csv.ts';
import { startProcessSampler } from '../../../loadtests/metrics/process-sampler.ts';
import { processTree } from '../../../loadtests/metrics/process-tree.ts';
import { silentLogger } from '../../../src/shared/logger.ts';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
});

/** A real parent process with one real child: `sh` running `sleep`. */
async function startParentWithChild(): Promise<ChildProcess> {
  const parent = spawn('sh', ['-c', 'sleep 30 & wait'], { stdio: 'ignore' });
  children.push(parent);
  // Wait until the shell has forked its child, so the tree is complete.
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const tree = await processTree([{ pid: parent.pid!, label: 'demo' }]);
    if (tree.length > 1) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return parent;
}

describe('process tree sampling', () => {
  it('finds a root and its descendants by walking /proc', async () => {
    const parent = await startParentWithChild();

    const tree = await processTree([{ pid: parent.pid!, label: 'demo' }]);

    expect(tree[0]).toEqual({ pid: parent.pid, name: 'demo' });
    expect(tree.some((p) => p.name === 'demo/sleep')).toBe(true);
  });

  it('writes CPU, RSS and I/O rows for every process of the tree', async () => {
    const parent = await startParentWithChild();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sampler-'));
    const csvPath = path.join(dir, 'metrics.csv');
    const sampler = startProcessSampler({
      roots: [
        { pid: parent.pid!, label: 'demo' },
        { pid: process.pid, label: 'vitest' },
      ],
      csvPath,
      intervalMs: 60_000,
      logger: silentLogger,
    });

    await sampler.sampleOnce();
    await sampler.stop();
    const samples = parseMetricsCsv(await readFile(csvPath, 'utf8'));

    const self = samples.find((s) => s.id === String(process.pid));
    expect(self?.name).toBe('vitest');
    expect(self?.memoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(self?.readBytes).toBeTypeOf('number');
    expect(samples.some((s) => s.name === 'demo/sleep')).toBe(true);
  });
});
