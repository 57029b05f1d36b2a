/** The report's markdown summary: per run, per step, the figures a reviewer asks for first. */
import { escapeMarkdownCell as cell } from './escape.ts';
import { highestStepHeld, type ReportRun } from './load-runs.ts';

export function renderMarkdown(runs: ReportRun[]): string {
  const lines: string[] = ['# Load test report', ''];
  lines.push(
    '| run | scenario | target | highest step held | thresholds |',
    '|---|---|---|---|---|',
  );
  for (const { label, run } of runs) {
    const held = highestStepHeld(run);
    lines.push(
      `| ${cell(label)} | ${cell(run.scenario)} | ${cell(run.target)} | ${held === undefined ? 'none' : `${held} rps`} | ${cell(thresholdText(run.thresholds))} |`,
    );
  }
  for (const { label, run } of runs) {
    lines.push('', `## ${cell(label)}`, '');
    lines.push(
      `${cell(run.scenario)} on ${cell(run.target)}, ${run.startedAt} to ${run.endedAt}` +
        `${run.interrupted ? ' (interrupted)' : ''}; ${cell(run.machine.cpuCount)} x ${cell(run.machine.cpuModel)}.`,
      '',
    );
    lines.push(
      '| offered rps | achieved rps | p50 ms | p95 ms | p99 ms | max ms | errors | timeouts | dropped | result |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const step of run.steps) {
      const l = step.latencyMs;
      // The rate counts errors, timeouts and dropped requests alike; so does the count beside it.
      const failed = step.errors + step.timeouts + step.dropped;
      const errors = `${(step.errorRate * 100).toFixed(2)}% (${failed})`;
      const result = step.passed ? 'pass' : `FAIL: ${step.failedReasons.join('; ')}`;
      lines.push(
        `| ${step.offeredRps} | ${step.achievedRps.toFixed(1)} | ${l.p50.toFixed(1)} | ${l.p95.toFixed(1)} | ${l.p99.toFixed(1)} | ${l.max.toFixed(1)} | ${errors} | ${step.timeouts} | ${step.dropped} | ${cell(result)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function thresholdText(thresholds: {
  p95LimitMs?: number;
  errorRateLimit?: number;
}): string {
  const parts = [];
  if (thresholds.p95LimitMs !== undefined) parts.push(`p95 <= ${thresholds.p95LimitMs} ms`);
  if (thresholds.errorRateLimit !== undefined)
    parts.push(`errors <= ${(thresholds.errorRateLimit * 100).toFixed(2)}%`);
  return parts.length ? parts.join(', ') : 'none';
}
