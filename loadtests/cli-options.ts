/** Parsers for the load-test options; each error says what the option accepts and what it got. */
import { InvalidArgumentError } from 'commander';
import type { RootProcess } from './metrics/process-tree.ts';
import type { WhenFull } from './runner/types.ts';
import type { Target } from './scenarios/types.ts';

export const TARGETS: readonly Target[] = ['embedded', 'localstack', 'aws'];

/** `100,200,400,800` -> [100, 200, 400, 800]; every rate a number above 0. */
export function parseRateList(value: string): number[] {
  const rates = value.split(',').map((part) => part.trim());
  if (
    rates.length === 0 ||
    rates.some((rate) => !/^\d+(\.\d+)?$/.test(rate) || Number(rate) <= 0)
  ) {
    throw new InvalidArgumentError(
      `expected rates above 0 separated by commas, like 100,200,400,800, got "${value}"`,
    );
  }
  return rates.map(Number);
}

export function parsePositiveMs(value: string): number {
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms <= 0)
    throw new InvalidArgumentError(`expected milliseconds above 0, got "${value}"`);
  return ms;
}

export function parseFraction(value: string): number {
  const fraction = Number(value);
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new InvalidArgumentError(`expected a fraction from 0 to 1 (0.01 = 1%), got "${value}"`);
  }
  return fraction;
}

export function parseTarget(value: string): Target {
  if (!(TARGETS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${TARGETS.join(', ')}, got "${value}"`);
  }
  return value as Target;
}

export function parseWhenFull(value: string): WhenFull {
  if (value !== 'drop' && value !== 'queue')
    throw new InvalidArgumentError(`expected drop or queue, got "${value}"`);
  return value;
}

export function parseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return value;
  } catch {
    throw new InvalidArgumentError(
      `expected an http(s) URL like http://127.0.0.1:8080, got "${value}"`,
    );
  }
}

/** Repeatable `key=value`, collected into one record. */
export function collectKeyValue(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
}

/** `cloud=1234,catalog=5678` (or bare pids) -> the roots of the process tree to sample. */
export function parseProcessRoots(value: string): RootProcess[] {
  return value.split(',').map((part) => {
    const [label, pidText] = part.includes('=') ? part.split('=') : [`pid-${part}`, part];
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0 || !label) {
      throw new InvalidArgumentError(
        `expected label=pid pairs like cloud=1234,worker=5678, got "${value}"`,
      );
    }
    return { label, pid };
  });
}
