/** Reads a parser fixture from test/slowlog/fixtures and parses it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLogLines } from '../../src/slowlog/log-parser.ts';
import type { ParseStats, SlowLogEntry } from '../../src/slowlog/types.ts';

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtureLines(name: string): string[] {
  const text = readFileSync(path.join(FIXTURES_DIR, name), 'latin1');
  return text.replace(/\n$/, '').split('\n');
}

export async function parseFixture(
  name: string,
): Promise<{ entries: SlowLogEntry[]; stats: ParseStats }> {
  const entries: SlowLogEntry[] = [];
  const stats = await parseLogLines(fixtureLines(name), (entry) => entries.push(entry));
  return { entries, stats };
}
