/** Shapes shared by the slow-log parser, the sources and the report. */

export type ServiceName = 'catalog' | 'orders';
export const SERVICE_NAMES: readonly ServiceName[] = ['catalog', 'orders'];

/**
 * Which protocol step a duration line timed. Simple-protocol `statement:` lines and
 * extended-protocol `execute` lines both time running the statement, so both are `execute`.
 */
export type StatementPhase = 'execute' | 'parse' | 'bind';

/** One `duration: ... ms` entry from a PostgreSQL log, with its DETAIL parameters if any. */
export interface SlowLogEntry {
  timestampMs: number;
  pid: number;
  /** Empty when the log line prefix carries no `%u` / `%d`. */
  user: string;
  database: string;
  durationMs: number;
  phase: StatementPhase;
  protocol: 'simple' | 'extended';
  /** Prepared statement name for extended lines (`<unnamed>`, `S_1`); undefined for simple ones. */
  preparedName?: string;
  statement: string;
  /** Raw `$1 = '...'` text from the DETAIL line; undefined when none was logged. */
  parameters?: string;
}

/** What the parser saw besides entries; garbage never stops it, it is counted here. */
export interface ParseStats {
  lines: number;
  entries: number;
  /** Lines with no recognisable log prefix, and continuation lines with nothing to continue. */
  garbageLines: number;
  /** Duration lines cut before their statement text or with an unreadable duration. */
  truncatedEntries: number;
  /** Well-formed log lines that are not slow-statement entries (checkpoints, connections...). */
  otherLines: number;
}

export function emptyParseStats(): ParseStats {
  return { lines: 0, entries: 0, garbageLines: 0, truncatedEntries: 0, otherLines: 0 };
}

export function addParseStats(into: ParseStats, from: ParseStats): void {
  into.lines += from.lines;
  into.entries += from.entries;
  into.garbageLines += from.garbageLines;
  into.truncatedEntries += from.truncatedEntries;
  into.otherLines += from.otherLines;
}
