/**
 * A streaming parser for PostgreSQL's stderr log format: feed it lines in order, get slow-statement
 * entries back. It never throws on input; lines it cannot read are counted in `stats`.
 *
 * PostgreSQL writes one message as a prefixed first line plus tab-led continuation lines, and
 * an extended-protocol `execute` entry is followed by a separate `DETAIL:  parameters:` message from
 * the same backend. Other backends may write in between, so an entry stays open per pid until
 * that pid logs its next message or the input ends.
 */
import { parsePrefixedLine } from './log-prefix.ts';
import {
  emptyParseStats,
  type ParseStats,
  type SlowLogEntry,
  type StatementPhase,
} from './types.ts';

type ContinuationTarget =
  | { kind: 'statement'; entry: SlowLogEntry }
  | { kind: 'parameters'; entry: SlowLogEntry }
  | { kind: 'other' }
  | { kind: 'none' };

const DURATION = /^duration: (\d+(?:\.\d+)?) ms(?:\s*(.*))?$/s;
const SIMPLE = /^statement: ([\s\S]+)$/;
const EXTENDED = /^(execute fetch from|execute|parse|bind) ([^:]*): ([\s\S]+)$/;
const PARAMETERS = /^parameters: ([\s\S]*)$/i;

export class SlowLogParser {
  readonly stats: ParseStats = emptyParseStats();
  private readonly openByPid = new Map<number, SlowLogEntry>();
  private continuation: ContinuationTarget = { kind: 'none' };

  constructor(private readonly onEntry: (entry: SlowLogEntry) => void) {}

  pushLine(rawLine: string): void {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    this.stats.lines++;
    if (line.startsWith('\t')) {
      this.continueMessage(line.slice(1));
      return;
    }
    const prefixed = parsePrefixedLine(line);
    if (!prefixed) {
      this.stats.garbageLines++;
      this.continuation = { kind: 'none' };
      return;
    }

    if (prefixed.severity === 'DETAIL') {
      this.readDetail(prefixed.pid, prefixed.message);
      return;
    }
    // Errors, hints and context of the same backend do not end its open entry.
    if (prefixed.severity !== 'LOG') {
      this.stats.otherLines++;
      this.continuation = { kind: 'other' };
      return;
    }
    this.close(prefixed.pid);
    const duration = DURATION.exec(prefixed.message);
    if (!duration) {
      this.countOther(prefixed.message);
      return;
    }
    const entry = readDurationEntry(duration[1], duration[2] ?? '');
    if (entry === 'truncated') {
      this.stats.truncatedEntries++;
      this.continuation = { kind: 'other' };
      return;
    }
    if (entry === 'duration-only') {
      this.stats.otherLines++;
      this.continuation = { kind: 'other' };
      return;
    }
    const full: SlowLogEntry = {
      timestampMs: prefixed.timestampMs,
      pid: prefixed.pid,
      user: prefixed.user,
      database: prefixed.database,
      ...entry,
    };
    this.openByPid.set(prefixed.pid, full);
    this.continuation = { kind: 'statement', entry: full };
  }

  /** Emits every entry still open; call once when the input ends. */
  end(): void {
    for (const pid of [...this.openByPid.keys()]) this.close(pid);
    this.continuation = { kind: 'none' };
  }

  private continueMessage(text: string): void {
    const target = this.continuation;
    if (target.kind === 'none') {
      this.stats.garbageLines++;
    } else if (target.kind === 'statement') {
      target.entry.statement += `\n${text}`;
    } else if (target.kind === 'parameters') {
      target.entry.parameters = `${target.entry.parameters ?? ''}\n${text}`;
    }
  }

  private readDetail(pid: number, message: string): void {
    const open = this.openByPid.get(pid);
    const parameters = PARAMETERS.exec(message);
    if (open && parameters && open.parameters === undefined) {
      open.parameters = parameters[1];
      this.continuation = { kind: 'parameters', entry: open };
      return;
    }
    this.stats.otherLines++;
    this.continuation = { kind: 'other' };
  }

  private countOther(message: string): void {
    // A LOG line cut inside "duration: 12" still says what it was meant to be.
    if (message.startsWith('duration:') || 'duration:'.startsWith(message)) {
      this.stats.truncatedEntries++;
    } else {
      this.stats.otherLines++;
    }
    this.continuation = { kind: 'other' };
  }

  private close(pid: number): void {
    const entry = this.openByPid.get(pid);
    if (!entry) return;
    this.openByPid.delete(pid);
    this.stats.entries++;
    this.onEntry(entry);
  }
}

type EntryBody = Pick<
  SlowLogEntry,
  'durationMs' | 'phase' | 'protocol' | 'preparedName' | 'statement'
>;

function readDurationEntry(
  durationText: string,
  rest: string,
): EntryBody | 'truncated' | 'duration-only' {
  const durationMs = Number(durationText);
  if (rest === '') return 'duration-only';
  const simple = SIMPLE.exec(rest);
  if (simple) {
    return { durationMs, phase: 'execute', protocol: 'simple', statement: simple[1] };
  }
  const extended = EXTENDED.exec(rest);
  if (extended) {
    const phase: StatementPhase = extended[1].startsWith('execute')
      ? 'execute'
      : (extended[1] as StatementPhase);
    const preparedName = extended[2].split('/')[0];
    return { durationMs, phase, protocol: 'extended', preparedName, statement: extended[3] };
  }
  // `statement: ` with no text, or a line cut inside "execute <name>"; anything else after the
  // duration (auto_explain's `plan:`) is a different kind of entry.
  const startsLikeEntry = ['statement', 'execute', 'parse', 'bind'].some(
    (word) => rest.startsWith(word) || word.startsWith(rest),
  );
  return startsLikeEntry ? 'truncated' : 'duration-only';
}

/** Parses a whole stream of lines; entries arrive through `onEntry` as they close. */
export async function parseLogLines(
  lines: AsyncIterable<string> | Iterable<string>,
  onEntry: (entry: SlowLogEntry) => void,
): Promise<ParseStats> {
  const parser = new SlowLogParser(onEntry);
  for await (const line of lines) parser.pushLine(line);
  parser.end();
  return parser.stats;
}
