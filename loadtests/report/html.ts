/**
 * The report as one self-contained HTML file: chart.js inlined from node_modules, the data as
 * escaped JSON, tables rendered here with every inserted value escaped. Opens offline.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildChartData } from './chart-data.ts';
import { escapeHtml as esc, jsonForScript } from './escape.ts';
import { highestStepHeld, type ReportRun } from './load-runs.ts';
import { thresholdText } from './markdown.ts';
import { PAGE_SCRIPT } from './page-script.ts';

const require = createRequire(import.meta.url);

/** chart.js does not export its UMD build, so find it beside the package's CommonJS entry. */
function chartJsUmdPath(): string {
  return path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.js');
}

export async function renderHtml(
  runs: ReportRun[],
  title = 'NovaMart load test report',
): Promise<string> {
  const chartJs = await readFile(chartJsUmdPath(), 'utf8');
  const data = buildChartData(runs);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; padding: 0 1rem; }
  h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1.5rem; }
  .chart { position: relative; height: 320px; }
  table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
  th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: right; }
  th:first-child, td:first-child, td.text { text-align: left; }
  tr.fail td { background: #fdecea; } .pass { color: #1a7f37; } .fail-text { color: #b42318; }
  .meta { color: #666; font-size: 0.85rem; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${runs.length} run(s). Latency is measured from each request's scheduled start (open model).</p>
${renderOverview(runs)}
<div class="charts">
  <figure><figcaption>p95 latency against offered rate</figcaption><div class="chart"><canvas id="chart-p95"></canvas></div></figure>
  <figure><figcaption>Achieved against offered rate</figcaption><div class="chart"><canvas id="chart-achieved"></canvas></div></figure>
  <figure><figcaption>Latency distribution (percentiles, per step)</figcaption><div class="chart"><canvas id="chart-percentiles"></canvas></div></figure>
  ${data.cpu
    .map(
      (cpu, i) =>
        `<figure><figcaption>CPU per process: ${esc(cpu.runLabel)}</figcaption><div class="chart"><canvas id="chart-cpu-${i}"></canvas></div></figure>`,
    )
    .join('\n  ')}
</div>
${runs.map(renderRunTable).join('\n')}
<script>${chartJs}</script>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

function renderOverview(runs: ReportRun[]): string {
  const rows = runs
    .map((r) => {
      const held = highestStepHeld(r.run);
      return `<tr><td>${esc(r.label)}</td><td class="text">${esc(r.run.scenario)}</td><td class="text">${esc(r.run.target)}</td><td>${held === undefined ? 'none' : `${esc(held)} rps`}</td><td class="text">${esc(thresholdText(r.run.thresholds))}</td></tr>`;
    })
    .join('\n');
  return `<table id="overview"><thead><tr><th>run</th><th>scenario</th><th>target</th><th>highest step held</th><th>thresholds</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function renderRunTable(entry: ReportRun, index: number): string {
  const { run } = entry;
  const rows = run.steps
    .map((s) => {
      const l = s.latencyMs;
      const result = s.passed
        ? '<span class="pass">pass</span>'
        : `<span class="fail-text">FAIL: ${esc(s.failedReasons.join('; '))}</span>`;
      const kinds = Object.entries(s.errorsByKind)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ');
      return `<tr class="${s.passed ? 'pass-row' : 'fail'}"><td>${esc(s.offeredRps)}</td><td>${esc(s.achievedRps.toFixed(1))}</td><td>${esc(l.p50.toFixed(1))}</td><td>${esc(l.p95.toFixed(1))}</td><td>${esc(l.p99.toFixed(1))}</td><td>${esc(l.max.toFixed(1))}</td><td>${esc((s.errorRate * 100).toFixed(2))}%</td><td class="text">${esc(kinds || '-')}</td><td>${esc(s.dropped)}</td><td class="text">${result}</td></tr>`;
    })
    .join('\n');
  return `<h2>${esc(entry.label)}</h2>
<p class="meta">${esc(run.scenario)} on ${esc(run.target)}, ${esc(run.startedAt)} to ${esc(run.endedAt)}${run.interrupted ? ' (interrupted)' : ''}; ${esc(run.machine.cpuCount)} x ${esc(run.machine.cpuModel)}, Node ${esc(run.machine.nodeVersion)}.</p>
<table class="steps" id="steps-${index}"><thead><tr><th>offered rps</th><th>achieved rps</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>errors</th><th>errors by kind</th><th>dropped</th><th>result</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}
