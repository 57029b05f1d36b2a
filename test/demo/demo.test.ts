/**
 * The main job as a user runs it, shortened (`--quick`): a fresh state dir, every port free,
 * then the report files it names exist, both modes were measured, order traffic got through,
 * the slow statement of the catalog shows, and nothing it started is still running.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { descendantPids, postgresPidsUnder } from '../../src/demo/processes.ts';

const CLI = path.resolve('bin/novamart.mjs');
const DEMO_TIMEOUT_MS = 240_000;
const TREE_SAMPLE_MS = 250;

let stdout = '';
let stderr = '';
let exitCode: number | null = null;
let stateDir = '';
let outDir = '';
/** Every process seen under the demo while it ran, as `pid:start time` (pids get reused). */
const seenProcesses = new Set<string>();

/** `pid:starttime` from /proc, or undefined once the process is gone. */
function processKey(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : `${pid}:${fields[19]}`;
  } catch {
    return undefined;
  }
}

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'novamart-demo-'));
  chmodSync(root, 0o755);
  stateDir = path.join(root, 'state');
  outDir = path.join(root, 'report');
  const demo = spawn(
    process.execPath,
    [
      CLI,
      'demo',
      '--quick',
      ...['--state-dir', stateDir, '--out', outDir],
      ...['--port', '0', '--catalog-port', '0', '--orders-port', '0'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], timeout: DEMO_TIMEOUT_MS },
  );
  demo.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  demo.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const sampler = setInterval(() => {
    for (const pid of descendantPids(demo.pid!)) {
      const key = processKey(pid);
      if (key) seenProcesses.add(key);
    }
  }, TREE_SAMPLE_MS);
  [exitCode] = await once(demo, 'exit');
  clearInterval(sampler);
}, DEMO_TIMEOUT_MS + 10_000);

describe('npm run demo (--quick)', () => {
  it('exits 0 and names its report files in its last lines', () => {
    // CDK's bundling of the Lambda reports itself on stderr; anything else there is a problem.
    const problems = stderr
      .split('\n')
      .filter(
        (line) =>
          line.trim() !== '' && !/Bundling asset|building\/index\.mjs|Done in \d+ms/.test(line),
      );
    expect({ exitCode, problems }).toEqual({ exitCode: 0, problems: [] });
    const last = stdout.trimEnd().split('\n').slice(-2);
    expect(last).toEqual([
      `report: ${path.join(outDir, 'report.html')}`,
      `summary: ${path.join(outDir, 'report.md')}`,
    ]);
    expect(existsSync(path.join(outDir, 'report.html'))).toBe(true);
  });

  it('measures both modes at every step and prints the comparison', () => {
    const markdown = readFileSync(path.join(outDir, 'report.md'), 'utf8');
    expect(stdout).toContain('| offered rps | lambda p95 ms');
    for (const rate of [100, 200]) expect(markdown).toMatch(new RegExp(`\\| ${rate} \\| \\d`));
    expect(stdout).toMatch(/inventory-e2e in lambda mode/);
    expect(stdout).toMatch(/inventory-e2e in worker mode/);
    // The e2e steps lost nothing: every published order got its outcome.
    const steps = stdout.split('\n').filter((line) => / rps: achieved /.test(line));
    expect(steps.length).toBeGreaterThanOrEqual(6);
  });

  it('gets order traffic through the order service', () => {
    const lines = stdout.split('\n');
    const orderStep = lines[lines.findIndex((line) => line.startsWith('order-create:')) + 1];
    expect(orderStep).toMatch(/^(PASS|FAIL)\s+\d+ rps: achieved .* errors 0\.00%/);
  });

  it('shows the slow catalog statement from the PostgreSQL log', () => {
    expect(stdout).toMatch(/catalog\s+\d+x .*price_history/);
  });

  it('removes the PostgreSQL data but keeps the logs slowlog reads', () => {
    const postgres = path.join(stateDir, 'postgres');
    for (const database of ['catalog', 'orders']) {
      expect(existsSync(path.join(postgres, database, 'data'))).toBe(false);
      expect(readdirSync(path.join(postgres, database, 'log')).length).toBeGreaterThan(0);
    }
    expect(stdout).toContain(`npx novamart slowlog --log-dir ${postgres}`);
  });

  it('leaves no process behind', () => {
    // The cloud, its Lambda runtimes, PostgreSQL, the services and the worker were all seen.
    expect(seenProcesses.size).toBeGreaterThan(8);
    const alive = [...seenProcesses].filter((key) => processKey(Number(key.split(':')[0])) === key);
    expect(alive).toEqual([]);
    expect(postgresPidsUnder(stateDir)).toEqual([]);
    expect(stdout).toMatch(/demo finished in \d+ s/);
  });
});
