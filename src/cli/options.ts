/** Parsers for option values; each error names the option, what it accepts and what it got. */
import { InvalidArgumentError } from 'commander';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}"`);
  }
  return port;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`expected a whole number above 0, got "${value}"`);
  return n;
}

/** `15s`, `2m`, `500ms`, `1h` or a bare number of seconds, to milliseconds. */
export function parseDurationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!match)
    throw new InvalidArgumentError(`expected a duration like 500ms, 15s, 2m or 1h, got "${value}"`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit] ?? 1000;
  return Math.round(amount * factor);
}

export const DEFAULT_ENDPOINT = process.env.NOVAMART_ENDPOINT ?? 'http://127.0.0.1:4566';
