/**
 * `novamart local deploy -c key=value`: a context the app does not read, or the mode passed as
 * context, is refused before anything is synthesized or deployed.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../bin/novamart.mjs', import.meta.url));
const run = promisify(execFile);

/** The CLI's exit code and stderr; no local cloud runs, so nothing could be deployed. */
async function deploy(...args: string[]): Promise<{ code: number; stderr: string }> {
  // An endpoint nothing listens on: a deploy that got past option parsing would say so.
  const endpoint = ['--endpoint', 'http://127.0.0.1:9'];
  try {
    await run(process.execPath, [CLI, 'local', 'deploy', ...endpoint, ...args]);
    return { code: 0, stderr: '' };
  } catch (err) {
    const failure = err as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

describe('novamart local deploy -c', () => {
  it('names the context keys the app reads when given another', async () => {
    const { code, stderr } = await deploy('-c', 'workerPoller=8');
    expect(code).not.toBe(0);
    expect(stderr).toContain(
      'unknown context "workerPoller"; the app reads slowQueryMs, inventoryConcurrency, workerPollers',
    );
    expect(stderr).not.toContain('no local cloud answers');
  });

  it('points to --mode for inventoryMode', async () => {
    const { stderr } = await deploy('-c', 'inventoryMode=worker');
    expect(stderr).toContain('use --mode lambda|worker');
  });

  it('accepts a known key and goes on to the deploy', async () => {
    const { code, stderr } = await deploy('-c', 'workerPollers=8');
    expect(code).toBe(1);
    expect(stderr).toContain('no local cloud answers at http://127.0.0.1:9');
  });
});
