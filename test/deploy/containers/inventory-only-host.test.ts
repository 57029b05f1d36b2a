/**
 * `--inventory-only` over a full deploy: the web service the full deploy started is stopped, so
 * what runs matches what the deploy state records, while the worker (no port) still runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContainerSupervisor } from '../../../local/containers/supervisor.ts';
import { inventoryOnlyHost } from '../../../src/deploy/containers/inventory-only-host.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { isAlive } from '../../helpers/process-alive.ts';

/** A web service in one line: answers /health and everything else with its own pid. */
const WEB = `require('node:http').createServer((q, s) => s.end(String(process.pid))).listen(process.env.PORT, '127.0.0.1')`;
const IDLE = 'setInterval(() => {}, 1000)';

const supervisor = new ContainerSupervisor({
  logger: silentLogger,
  projectRoot: process.cwd(),
  stateDir: mkdtempSync(join(tmpdir(), 'novamart-host-')),
});

afterAll(() => supervisor.close());

describe('inventoryOnlyHost', () => {
  it('stops a web service a full deploy started and still runs the worker', async () => {
    // Arrange: what a full deploy left running.
    const web = { name: 'catalog', command: ['node', '-e', WEB], env: {}, replicas: 1, port: 0 };
    const full = await supervisor.runService(web);
    expect(full.pids.every(isAlive)).toBe(true);

    // Act: the inventory-only deploy of the same template.
    const host = inventoryOnlyHost(supervisor);
    const webAnswer = await host.runService(web);
    const worker = await host.runService({
      name: 'worker',
      command: ['node', '-e', IDLE],
      env: {},
      replicas: 1,
    });

    // Assert
    expect(webAnswer.pids).toEqual([]);
    expect(full.pids.some(isAlive)).toBe(false);
    expect(worker.pids).toHaveLength(1);
    expect(isAlive(worker.pids[0]!)).toBe(true);
    expect(supervisor.processes().map((p) => p.role)).toEqual(['worker-1']);
  });
});
