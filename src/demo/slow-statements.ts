/**
 * The slow statements of the demo's PostgreSQL servers, read with the slowlog programmatic API
 * from the log files under the demo's state directory, as a console block and a report section.
 * Statements are shown whole in the report (the console table of `novamart slowlog` cuts them),
 * with the tables they read, so a reader sees at once which query it is.
 */
import { escapeHtml } from '../../loadtests/report/escape.ts';
import type { ReportSection } from '../compare/report-sections.ts';
import type { Logger } from '../shared/logger.ts';
import type { SlowlogReport } from '../slowlog/report.ts';

export interface SlowStatementRow {
  service: string;
  count: number;
  meanMs: number;
  maxMs: number;
  tables: string[];
  statement: string;
}

export async function readSlowStatements(options: {
  logDir: string;
  minDurationMs: number;
  /** Only statements logged from this time on (ms since epoch); all when undefined. */
  sinceMs?: number;
  top: number;
  logger: Logger;
}): Promise<SlowStatementRow[]> {
  // Loaded here: the statement normalizer's WebAssembly takes a moment to load.
  const { buildSlowlogReport } = await import('../slowlog/run.ts');
  const report = await buildSlowlogReport({
    target: 'embedded',
    service: 'all',
    top: options.top,
    minDurationMs: options.minDurationMs,
    sinceMs: options.sinceMs,
    logDir: options.logDir,
    logger: options.logger,
  });
  return rowsOf(report);
}

export function rowsOf(report: SlowlogReport): SlowStatementRow[] {
  return report.services.flatMap(({ service, statements }) =>
    statements.map((s) => ({
      service,
      count: s.count,
      meanMs: s.meanMs,
      maxMs: s.maxMs,
      tables: tablesRead(s.example),
      statement: s.example.replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** Relation names after FROM / JOIN, a reader's hint only (subqueries are skipped). */
export function tablesRead(sql: string): string[] {
  const names = [...sql.matchAll(/\b(?:from|join)\s+("?[A-Za-z_][\w.]*"?)/gi)].map((m) =>
    m[1]!.replaceAll('"', ''),
  );
  return [...new Set(names)];
}

const CONSOLE_STATEMENT_CHARS = 100;

export function slowStatementsText(rows: SlowStatementRow[], minDurationMs: number): string {
  if (rows.length === 0) return `no statement took ${minDurationMs} ms or more`;
  const lines = rows.map((r) => {
    const statement =
      r.statement.length > CONSOLE_STATEMENT_CHARS
        ? `${r.statement.slice(0, CONSOLE_STATEMENT_CHARS - 1)}…`
        : r.statement;
    return (
      `${r.service.padEnd(8)} ${String(r.count).padStart(4)}x  mean ${r.meanMs.toFixed(0).padStart(6)} ms  ` +
      `max ${r.maxMs.toFixed(0).padStart(6)} ms  [${r.tables.join(', ')}] ${statement}`
    );
  });
  return lines.join('\n');
}

export function slowStatementsSection(
  rows: SlowStatementRow[],
  minDurationMs: number,
): ReportSection {
  const intro =
    `Statements PostgreSQL logged at ${minDurationMs} ms or more from the first request on ` +
    '(migrations and seeding during the deploy are left out), grouped by fingerprint (`novamart slowlog`).';
  if (rows.length === 0) {
    return {
      title: 'Slowest statements',
      markdown: `${intro}\n\nNone.`,
      html: `<p>${escapeHtml(intro)} None.</p>`,
    };
  }
  const md = [
    intro,
    '',
    '| service | count | mean ms | max ms | tables | statement |',
    '|---|---:|---:|---:|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.service} | ${r.count} | ${r.meanMs.toFixed(1)} | ${r.maxMs.toFixed(1)} | ${r.tables.join(', ')} | \`${r.statement.replaceAll('|', '\\|').replaceAll('`', "'")}\` |`,
    ),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    '<table id="slow-statements"><thead><tr><th>service</th><th>count</th><th>mean ms</th><th>max ms</th><th>tables</th><th>statement</th></tr></thead><tbody>',
    ...rows.map(
      (r) =>
        `<tr><td>${escapeHtml(r.service)}</td><td>${r.count}</td><td>${r.meanMs.toFixed(1)}</td><td>${r.maxMs.toFixed(1)}</td>` +
        `<td class="text">${escapeHtml(r.tables.join(', '))}</td><td class="text"><code>${escapeHtml(r.statement)}</code></td></tr>`,
    ),
    '</tbody></table>',
  ].join('\n');
  return { title: 'Slowest statements', markdown: md, html };
}
