/**
 * The table people look at first: for each offered rate, p95, achieved rate and errors of each
 * mode side by side, and the highest step each mode held.
 */
import { escapeHtml } from '../../loadtests/report/escape.ts';
import { highestStepHeld } from '../../loadtests/report/load-runs.ts';
import { thresholdText } from '../../loadtests/report/markdown.ts';
import type { RunResult, StepRecord } from '../../loadtests/runner/types.ts';

export interface LabelledRun {
  label: string;
  run: RunResult;
}

interface Table {
  header: string[];
  rows: string[][];
}

function buildTable(runs: LabelledRun[]): Table {
  const header = ['offered rps'];
  for (const { label } of runs)
    header.push(`${label} p95 ms`, `${label} achieved rps`, `${label} errors`);
  const rates = [...new Set(runs.flatMap(({ run }) => run.steps.map((s) => s.offeredRps)))].sort(
    (a, b) => a - b,
  );
  const rows = rates.map((rate) => {
    const row = [String(rate)];
    for (const { run } of runs)
      row.push(...stepCells(run.steps.find((s) => s.offeredRps === rate)));
    return row;
  });
  const held = ['highest step held'];
  for (const { run } of runs) {
    const rate = highestStepHeld(run);
    held.push(rate === undefined ? 'none' : `${rate} rps`, '', '');
  }
  rows.push(held);
  return { header, rows };
}

function stepCells(step: StepRecord | undefined): string[] {
  if (!step) return ['not run', '', ''];
  const verdict = step.passed ? '' : ' (FAIL)';
  return [
    `${step.latencyMs.p95.toFixed(1)}${verdict}`,
    step.achievedRps.toFixed(1),
    `${(step.errorRate * 100).toFixed(2)}%`,
  ];
}

function thresholdsOf(runs: LabelledRun[]): string {
  return runs.length ? thresholdText(runs[0]!.run.thresholds) : 'none';
}

export function comparisonMarkdown(runs: LabelledRun[]): string {
  const { header, rows } = buildTable(runs);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header),
    line(header.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...rows.map(line),
    '',
    `Thresholds per step: ${thresholdsOf(runs)}.`,
  ].join('\n');
}

export function comparisonHtml(runs: LabelledRun[]): string {
  const { header, rows } = buildTable(runs);
  const cells = (tag: string, values: string[]) =>
    values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
  return [
    '<table id="comparison">',
    `<thead><tr>${cells('th', header)}</tr></thead>`,
    `<tbody>${rows.map((row) => `<tr>${cells('td', row)}</tr>`).join('')}</tbody>`,
    '</table>',
    `<p class="meta">Thresholds per step: ${escapeHtml(thresholdsOf(runs))}.</p>`,
  ].join('\n');
}
