/**
 * The demo's brief service traffic: `catalog-products` and `order-create` at modest rates, so the
 * report shows the web services working too, before inventory is compared.
 */
import path from 'node:path';
import { escapeHtml } from '../../loadtests/report/escape.ts';
import { type LoadtestOutcome, runLoadtest } from '../../loadtests/run-loadtest.ts';
import type { ReportSection } from '../compare/report-sections.ts';
import type { Logger } from '../shared/logger.ts';
import type { ServiceLoad } from './demo-plan.ts';

export interface ServiceRun {
  load: ServiceLoad;
  outcome: LoadtestOutcome;
}

export async function runServiceLoad(options: {
  load: ServiceLoad;
  baseUrl: string;
  outDir: string;
  requestTimeoutMs: number;
  errorRateLimit: number;
  logger: Logger;
  progressStream?: NodeJS.WriteStream;
  stopSignal?: AbortSignal;
}): Promise<ServiceRun> {
  const { load } = options;
  const outcome = await runLoadtest({
    scenario: load.scenario,
    rates: [load.rateRps],
    durationMs: load.durationMs,
    thresholds: { p95LimitMs: load.p95LimitMs, errorRateLimit: options.errorRateLimit },
    target: 'embedded',
    region: 'us-east-1',
    baseUrl: options.baseUrl,
    maxInFlight: 1000,
    whenFull: 'drop',
    requestTimeoutMs: options.requestTimeoutMs,
    scenarioOptions: {},
    outDir: path.join(options.outDir, 'services'),
    logger: options.logger,
    progressStream: options.progressStream,
    stopSignal: options.stopSignal,
  });
  return { load, outcome };
}

const HEADER = [
  'scenario',
  'offered rps',
  'achieved rps',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'errors',
  'result',
];

function rowsOf(runs: ServiceRun[]): string[][] {
  return runs.flatMap(({ outcome }) =>
    outcome.run.steps.map((step) => [
      outcome.run.scenario,
      String(step.offeredRps),
      step.achievedRps.toFixed(1),
      step.latencyMs.p50.toFixed(1),
      step.latencyMs.p95.toFixed(1),
      step.latencyMs.p99.toFixed(1),
      `${(step.errorRate * 100).toFixed(2)}%`,
      step.passed ? 'pass' : `FAIL: ${step.failedReasons.join('; ')}`,
    ]),
  );
}

export function serviceRunsSection(runs: ServiceRun[]): ReportSection {
  const rows = rowsOf(runs);
  const intro = 'Brief runs against the catalog and order services (lambda mode deployed).';
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  const markdown = [
    intro,
    '',
    line(HEADER),
    line(HEADER.map((_, i) => (i === 0 || i === HEADER.length - 1 ? '---' : '---:'))),
    ...rows.map(line),
  ].join('\n');
  const cells = (tag: string, values: string[]) =>
    values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('');
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    `<table id="service-runs"><thead><tr>${cells('th', HEADER)}</tr></thead><tbody>`,
    ...rows.map((row) => `<tr>${cells('td', row)}</tr>`),
    '</tbody></table>',
  ].join('\n');
  return { title: 'Catalog and order services', markdown, html };
}
