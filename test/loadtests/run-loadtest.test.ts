import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoadtest, UnknownScenarioError } from '../../loadtests/run-loadtest.ts';
import { ScenarioOptionError } from '../../loadtests/scenarios/scenario-options.ts';
import { silentLogger } from '../../src/shared/logger.ts';

const base = {
  rates: [1],
  durationMs: 100,
  thresholds: {},
  target: 'embedded' as const,
  region: 'us-east-1',
  maxInFlight: 10,
  whenFull: 'drop' as const,
  requestTimeoutMs: 1_000,
  scenarioOptions: {},
  logger: silentLogger,
};

describe('runLoadtest', () => {
  it('names the scenarios there are when asked for one that is not', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'run-loadtest-'));

    const attempt = runLoadtest({ ...base, scenario: 'nope', outDir });

    await expect(attempt).rejects.toThrow(UnknownScenarioError);
    await expect(attempt).rejects.toThrow(
      'unknown scenario "nope"; choose one of catalog-products, order-create, inventory-invoke, inventory-e2e',
    );
  });

  it('rejects a scenario option out of range, naming it', async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 'run-loadtest-'));

    const attempt = runLoadtest({
      ...base,
      scenario: 'catalog-products',
      scenarioOptions: { detailRatio: '2' },
      outDir,
    });

    await expect(attempt).rejects.toThrow(ScenarioOptionError);
    await expect(attempt).rejects.toThrow(
      '--option detailRatio: expected a number from 0 to 1, got "2"',
    );
  });
});
