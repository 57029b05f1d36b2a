/**
 * The report `novamart slowlog` prints: a versioned JSON document (documented in docs/slowlog.md;
 * bump SLOWLOG_REPORT_VERSION on any change that could break a reader) and a table for people.
 */
import type { StatementGroup } from './aggregate.ts';
import { type PgStatStatementsResult, round3 } from './pg-stat-statements.ts';
import type { ReportService } from './services.ts';
import type { ParseStats } from './types.ts';

export const SLOWLOG_REPORT_VERSION = 1;

export interface SlowlogReportStatement {
  fingerprint: string;
  normalizer: 'libpg-query' | 'masked';
  phase: StatementGroup['phase'];
  count: number;
  totalMs: number;
  meanMs: number;
  maxMs: number;
  lastSeenMs: number;
  lastSeen: string;
  databases: string[];
  protocols: { simple: number; extended: number };
  example: string;
}

export interface SlowlogReport {
  version: typeof SLOWLOG_REPORT_VERSION;
  generatedAtMs: number;
  target: 'embedded' | 'localstack' | 'aws';
  filters: { service: string; sinceMs: number | null; minDurationMs: number; top: number };
  sources: string[];
  parse: ParseStats & { skippedByFilters: number };
  services: {
    service: ReportService;
    statements: SlowlogReportStatement[];
    pgStatStatements: PgStatStatementsResult | null;
  }[];
}

export function toReportStatement(group: StatementGroup): SlowlogReportStatement {
  return {
    fingerprint: group.fingerprint,
    normalizer: group.normalizer,
    phase: group.phase,
    count: group.count,
    totalMs: round3(group.totalMs),
    meanMs: round3(group.totalMs / group.count),
    maxMs: round3(group.maxMs),
    lastSeenMs: group.lastSeenMs,
    lastSeen: new Date(group.lastSeenMs).toISOString(),
    databases: group.databases,
    protocols: { simple: group.simpleCount, extended: group.extendedCount },
    example: group.example,
  };
}

const STATEMENT_WIDTH = 70;

export function formatReportTable(report: SlowlogReport): string {
  const out: string[] = [];
  const since =
    report.filters.sinceMs === null ? 'all time' : new Date(report.filters.sinceMs).toISOString();
  out.push(
    `slow statements >= ${report.filters.minDurationMs} ms since ${since} (${report.target}, ` +
      `${report.sources.length} source(s), ${report.parse.entries} entries, ` +
      `${report.parse.garbageLines} unreadable lines)`,
  );
  for (const section of report.services) {
    out.push('', `== ${section.service} ==`);
    if (section.statements.length === 0) out.push('  no slow statements');
    else out.push(...statementRows(section.statements));
    if (section.pgStatStatements) out.push(...pgStatRows(section.pgStatStatements));
  }

  return `${out.join('\n')}\n`;
}

function statementRows(statements: SlowlogReportStatement[]): string[] {
  const rows = statements.map((s) => [
    String(s.count),
    s.totalMs.toFixed(1),
    s.meanMs.toFixed(1),
    s.maxMs.toFixed(1),
    s.lastSeen.replace('T', ' ').slice(0, 19),
    (s.phase === 'execute' ? '' : `[${s.phase}] `) + shorten(s.example),
  ]);
  const header = ['count', 'total ms', 'mean ms', 'max ms', 'last seen (UTC)', 'statement'];
  return table(header, rows, 4);
}

function pgStatRows(result: PgStatStatementsResult): string[] {
  if (!result.available) return [`  pg_stat_statements: ${result.reason}`];
  const rows = result.statements.map((s) => [
    String(s.calls),
    s.totalMs.toFixed(1),
    s.meanMs.toFixed(1),
    shorten(s.query),
  ]);
  const header = ['calls', 'total ms', 'mean ms', 'query'];
  return ['  pg_stat_statements, by total time:', ...table(header, rows, 3)];
}

/** Columns before `numericColumns` are right-aligned numbers; the last column is not padded. */
function table(header: string[], rows: string[][], numericColumns: number): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const pad = (cell: string, i: number) => {
    if (i === header.length - 1) return cell;
    return i < numericColumns ? cell.padStart(widths[i]) : cell.padEnd(widths[i]);
  };
  const line = (cells: string[]) => `  ${cells.map(pad).join('  ')}`;
  return [line(header), ...rows.map(line)];
}

function shorten(text: string): string {
  return text.length <= STATEMENT_WIDTH ? text : `${text.slice(0, STATEMENT_WIDTH - 1)}…`;
}
