/**
 * Reads the prefix PostgreSQL writes before each stderr log message. Rather than one fixed
 * `log_line_prefix`, it looks for the parts every prefix we meet has: a leading timestamp (`%m` or
 * `%t`), the pid in `[%p]` (or RDS's `:[%p]:`), `user@database` when present, then the severity.
 * That covers the embedded runner (`%m [%p] %q%u@%d `), the postgres image default (`%m [%p] `)
 * and RDS (`%t:%r:%u@%d:[%p]:`).
 */

export interface PrefixedLine {
  timestampMs: number;
  pid: number;
  user: string;
  database: string;
  severity: string;
  message: string;
}

const TIMESTAMP =
  /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d{1,6})?)(?: ([A-Za-z]{1,6}|[+-]\d\d(?::?\d\d)?))?/;
const SEVERITY =
  /(?:^|[\s:])(LOG|DETAIL|STATEMENT|CONTEXT|HINT|ERROR|WARNING|NOTICE|INFO|FATAL|PANIC|LOCATION|QUERY|DEBUG[1-5]?): {2}/;
const PID = /\[(\d+)\]/;
const USER_AT_DATABASE = /(?:^|[\s:])([\w$.-]*)@([\w$.-]*)(?=[\s:]|$)/;

/** Returns undefined for a line that does not start with a timestamped PostgreSQL prefix. */
export function parsePrefixedLine(line: string): PrefixedLine | undefined {
  const time = TIMESTAMP.exec(line);
  if (!time) return undefined;
  const rest = line.slice(time[0].length);
  const severity = SEVERITY.exec(rest);
  if (!severity) return undefined;
  const prefix = rest.slice(0, severity.index);
  const pid = PID.exec(prefix);
  if (!pid) return undefined;
  const timestampMs = parseLogTimestampMs(time[1], time[2], time[3]);
  if (Number.isNaN(timestampMs)) return undefined;
  const userDb = USER_AT_DATABASE.exec(prefix.replace(PID, ' '));

  return {
    timestampMs,
    pid: Number(pid[1]),
    user: userDb?.[1] ?? '',
    database: userDb?.[2] ?? '',
    severity: severity[1],
    message: rest.slice(severity.index + severity[0].length),
  };
}

/**
 * Zone abbreviations other than UTC/GMT are ambiguous (CST is three zones), so they are read as
 * UTC; the runners here set `log_timezone` to UTC and RDS always logs in UTC.
 */
export function parseLogTimestampMs(date: string, time: string, zone: string | undefined): number {
  let offset = 'Z';
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(':', '');
    offset = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
  }
  const [hms, fraction = ''] = time.split('.');
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  return Date.parse(`${date}T${hms}.${millis}${offset}`);
}
