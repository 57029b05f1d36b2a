import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../loadtests/runner/types.ts';
import { type DelayServer, startDelayServer } from './helpers/delay-server.ts';

const execFileAsync = promisify(execFile);
const CLI = path.resolve('bin/novamart.mjs');

async function novamart(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], {
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout: string; stderr: string };
    return { code: failed.code ?? -1, stdout: failed.stdout, stderr: failed.stderr };
  }
}

type CliResult = Awaited<ReturnType<typeof novamart>>;

let server: DelayServer;
let outDir: string;
let passing: CliResult;
let failing: CliResult;
let badRate: CliResult;

beforeAll(async () => {
  server = await startDelayServer(() => 20);
  outDir = await mkdtemp(path.join(os.tmpdir(), 'loadtest-cli-'));
  const failDir = await mkdtemp(path.join(os.tmpdir(), 'loadtest-cli-fail-'));
  const target = ['--base-url', server.url, '--option', 'detailRatio=0'];
  // Each CLI start costs seconds on a busy machine: start them all at once.
  [passing, failing, badRate] = await Promise.all([
    novamart([
      'loadtest',
      'catalog-products',
      '--rps',
      '20,40',
      '--duration',
      '500ms',
      '--p95',
      '500',
      ...target,
      '--mode-label',
      'demo',
      '--metrics-pids',
      `cli=${process.pid}`,
      '--out',
      outDir,
    ]),
    novamart([
      'loadtest',
      'catalog-products',
      '--rps',
      '20',
      '--duration',
      '300ms',
      '--p95',
      '5',
      ...target,
      '--out',
      failDir,
    ]),
    novamart(['loadtest', 'catalog-products', '--rps', '100,fast', '--out', outDir]),
  ]);
});
afterAll(() => server?.close());

describe('novamart loadtest, stats and report', () => {
  it('runs catalog-products over two steps, writes results, and exits 0 when thresholds hold', async () => {
    expect(passing.stderr).toBe('');
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/^PASS {4}20 rps: achieved/m);
    expect(passing.stdout).toMatch(/PASSED: results in .*catalog-products-demo-.*\.json/);
    const files = await readdir(outDir);
    const json = files.find((f) => f.endsWith('.json'))!;
    const run = JSON.parse(await readFile(path.join(outDir, json), 'utf8')) as RunResult;
    expect(run.steps.map((s) => [s.offeredRps, s.scheduled, s.completed])).toEqual([
      [20, 10, 10],
      [40, 20, 20],
    ]);
    expect(run).toMatchObject({
      scenario: 'catalog-products',
      modeLabel: 'demo',
      target: 'embedded',
      passed: true,
    });
    expect(run.machine.cpuCount).toBeGreaterThan(0);
    expect(files.some((f) => f.endsWith('.metrics.csv'))).toBe(true);
  });

  it('exits 1 when a step misses its p95 limit', () => {
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^FAIL .*p95 .* > limit 5 ms/m);
  });

  it('names the option when a value is bad', () => {
    expect(badRate.code).not.toBe(0);
    expect(badRate.stderr).toContain("option '--rps <list>' argument '100,fast' is invalid");
  });

  it('summarizes the metrics CSV and writes a report over the run directory', async () => {
    const csv = (await readdir(outDir)).find((f) => f.endsWith('.metrics.csv'))!;

    const [stats, report] = await Promise.all([
      novamart(['stats', 'summarize', path.join(outDir, csv)]),
      novamart(['report', outDir, '--out', path.join(outDir, 'report')]),
    ]);

    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/^NAME\s+ID\s+AVG CPU%/);
    expect(stats.stdout).toMatch(new RegExp(`^cli\\s+${process.pid}\\s`, 'm'));
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('| demo | catalog-products | embedded | 40 rps |');
    expect(await readdir(path.join(outDir, 'report'))).toEqual(['report.html', 'report.md']);
  });

  it('writes the partial results and exits 130 on Ctrl-C', async () => {
    // Arrange: one long step, interrupted once requests are arriving.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'loadtest-sigint-'));
    const receivedBefore = server.received();
    const child = spawn(
      process.execPath,
      [
        CLI,
        'loadtest',
        'catalog-products',
        '--rps',
        '20',
        '--duration',
        '30s',
        '--option',
        'detailRatio=0',
      ].concat(['--base-url', server.url, '--out', dir]),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (server.received() >= receivedBefore + 5) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });

    // Act
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];

    // Assert
    expect(code).toBe(130);
    expect(stdout).toMatch(/INTERRUPTED: results in /);
    const [json] = (await readdir(dir)).filter((f) => f.endsWith('.json'));
    const run = JSON.parse(await readFile(path.join(dir, json), 'utf8')) as RunResult;
    expect(run.interrupted).toBe(true);
    expect(run.passed).toBe(false);
    expect(run.steps).toHaveLength(1);
    expect(run.steps[0].completed).toBeGreaterThanOrEqual(4);
    expect(run.steps[0].failedReasons).toContain('interrupted');
  });
});
