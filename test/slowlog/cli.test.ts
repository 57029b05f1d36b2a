/** `novamart slowlog` through the real CLI entry, as a user runs it. */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempLogRoot } from './temp-log-dir.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

async function novamart(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['bin/novamart.mjs', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('novamart slowlog (CLI)', () => {
  const root = tempLogRoot({ catalog: ['interleaved.log'] });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the JSON report with its version for --json', async () => {
    const result = await novamart(['slowlog', '--json', '--log-dir', root, '--top', '1']);

    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.version).toBe(1);
    expect(report.filters).toMatchObject({ top: 1, minDurationMs: 200 });
    expect(report.services[0].statements).toHaveLength(1);
    expect(report.services[0].statements[0]).toMatchObject({
      count: 2,
      totalMs: 610,
      example: 'SELECT * FROM products WHERE id = $1',
    });
  });

  it('tells the user to install Docker when --target localstack finds no docker binary', async () => {
    const result = await novamart(['slowlog', '--target', 'localstack'], {
      NOVAMART_DOCKER: path.join(root, 'no-docker-here'),
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/novamart: ".*no-docker-here" was not found/);
    expect(result.stderr).toContain('needs the Docker CLI on PATH');
    expect(result.stderr).not.toMatch(/\n\s+at /); // one line, no stack
  });

  it('asks which service a bare --database-url is for when its name does not say', async () => {
    const result = await novamart([
      'slowlog',
      '--log-dir',
      root,
      '--database-url',
      'postgres://u:p@127.0.0.1:1/postgres',
    ]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('write it as catalog=URL or orders=URL');
  });

  it('rejects an unknown --service with the allowed choices', async () => {
    const result = await novamart(['slowlog', '--service', 'inventory']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Allowed choices are catalog, orders, all');
  });
});
