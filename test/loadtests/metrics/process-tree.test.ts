import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shortCommand } from '../../../loadtests/metrics/process-tree.ts';

/** A /proc-shaped folder holding one process's cmdline. */
function procWith(pid: number, argv: string[]): string {
  const proc = mkdtempSync(join(tmpdir(), 'novamart-proc-'));
  mkdirSync(join(proc, String(pid)));
  writeFileSync(join(proc, String(pid), 'cmdline'), `${argv.join('\0')}\0`);
  return proc;
}

describe('shortCommand', () => {
  it('names an interpreter by its script and a retitled PostgreSQL process by its program', async () => {
    expect(
      await shortCommand(
        procWith(10, ['/usr/bin/node', '--import', 'tsx', 'src/worker/main.ts']),
        10,
      ),
    ).toBe('node main.ts');
    expect(await shortCommand(procWith(11, ['postgres: io worker 0']), 11)).toBe('postgres');
    expect(
      await shortCommand(procWith(12, ['postgres: novamart orders 127.0.0.1(35840) idle']), 12),
    ).toBe('postgres');
    expect(await shortCommand(procWith(13, ['/opt/pg/bin/postgres', '-D', '/data']), 13)).toBe(
      'postgres',
    );
  });
});
