import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../loadtests/report/escape.ts';
import { writeReport } from '../../../loadtests/report/write-report.ts';
import { writeRunResult } from '../../../loadtests/runner/results-file.ts';
import { fixtureRun } from '../helpers/fixture-run.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser: Browser;
let reportDir: string;
let markdown: string;

beforeAll(async () => {
  // Arrange: a lambda-mode run that fails at 800 rps, a worker-mode run that holds all four
  // steps, and process metrics beside the worker run.
  const root = await mkdtemp(path.join(os.tmpdir(), 'report-'));
  const lambdaDir = path.join(root, 'lambda');
  const workerDir = path.join(root, 'worker');
  await writeRunResult(
    lambdaDir,
    fixtureRun('lambda <script>', [20, 40, 80, 400], '2026-12-03T10:00:00.000Z'),
  );
  const workerFile = await writeRunResult(
    workerDir,
    fixtureRun('worker', [10, 12, 15, 30], '2026-12-03T11:00:00.000Z'),
  );
  const csv = ['timestamp,source,id,name,cpu_percent,memory_bytes,read_bytes,write_bytes'];
  for (let s = 0; s < 10; s++) {
    const at = new Date(Date.parse('2026-12-03T11:00:00Z') + s * 1000).toISOString();
    csv.push(`${at},process,10,local-cloud,${40 + s},100000000,0,${s * 1000}`);
    csv.push(`${at},process,11,worker/node main.ts,${20 + s},50000000,,`);
  }
  await writeFile(workerFile.replace(/\.json$/, '.metrics.csv'), `${csv.join('\n')}\n`);
  reportDir = path.join(root, 'report');

  // Act
  const report = await writeReport([lambdaDir, workerDir], reportDir);
  markdown = report.markdown;

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
});

describe('the load-test report', () => {
  it('summarizes both modes in markdown with the highest step held', () => {
    expect(markdown).toContain('| lambda <script> | inventory-e2e | embedded | 400 rps |');
    expect(markdown).toContain('| worker | inventory-e2e | embedded | 800 rps |');
    expect(markdown.match(/^\| (100|200|400|800) \|/gm)).toHaveLength(8);
    expect(markdown).toMatch(/\| 800 \| 560\.0 \|.*FAIL: p95/);
  });

  it('is self-contained and escapes what it inserts', async () => {
    const html = await readFile(path.join(reportDir, 'report.html'), 'utf8');

    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toContain('lambda <script>');
    expect(html).toContain(escapeHtml('lambda <script>'));
    expect(html).toContain('\\u003cscript\\u003e');
  });

  it('draws every chart in headless Chromium and lists every step in the tables', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(`file://${path.join(reportDir, 'report.html')}`);
    const drawn = await page.evaluate(() => {
      const chartGlobal = (window as unknown as { Chart: { instances: Record<string, unknown> } })
        .Chart;
      const canvases = [...document.querySelectorAll('canvas')];
      return {
        instances: Object.keys(chartGlobal.instances).length,
        canvases: canvases.map((canvas) => {
          const context = canvas.getContext('2d')!;
          const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
          return { id: canvas.id, width: canvas.width, painted };
        }),
        stepRows: document.querySelectorAll('table.steps tbody tr').length,
        failedRows: document.querySelectorAll('table.steps tbody tr.fail').length,
        overviewRows: [...document.querySelectorAll('#overview tbody tr')].map(
          (tr) => tr.textContent,
        ),
      };
    });
    await page.close();

    expect(errors).toEqual([]);
    expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    expect(drawn.canvases.map((c) => c.id)).toEqual([
      'chart-p95',
      'chart-achieved',
      'chart-percentiles',
      'chart-cpu-0',
    ]);
    expect(drawn.instances).toBe(4);
    for (const canvas of drawn.canvases) {
      expect(canvas.width).toBeGreaterThan(100);
      expect(canvas.painted, canvas.id).toBeGreaterThan(1000);
    }
    expect(drawn.stepRows).toBe(8);
    expect(drawn.failedRows).toBe(1);
    expect(drawn.overviewRows[0]).toContain('lambda <script>');
    expect(drawn.overviewRows[1]).toContain('800 rps');
  });
});
