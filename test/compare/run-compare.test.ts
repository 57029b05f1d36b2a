/**
 * The compare pipeline on the embedded target, in-process against a real local cloud: deploy
 * lambda mode, load it, flip to worker mode, load it again, one report over both. Inventory only
 * (no web services or PostgreSQL) and one-second steps keep it to a minute or two.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { embeddedTarget } from '../../src/compare/embedded-target.ts';
import { runCompare } from '../../src/compare/run-compare.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { INVENTORY_QUEUE_NAME } from '../../src/shared/names.ts';
import { useLocalCloud } from '../helpers/cloud.ts';

const fixture = useLocalCloud();

describe('runCompare on the embedded target', { timeout: 300_000 }, () => {
  it('measures lambda mode, then worker mode, and writes one report naming both', async () => {
    // Arrange
    const outDir = mkdtempSync(join(tmpdir(), 'novamart-compare-'));
    const stateDir = mkdtempSync(join(tmpdir(), 'novamart-compare-state-'));
    const printed: string[] = [];
    const deployedModes: string[] = [];
    const target = embeddedTarget({
      endpoint: fixture.endpoint,
      logger: silentLogger,
      stateDir,
      inventoryOnly: true,
      onDeployed: (mode) => deployedModes.push(mode),
    });

    // Act
    const result = await runCompare({
      target,
      // The warm-up starts the Lambda's processes before anything is measured, and the loose p95
      // limit keeps a busy 2-core machine (a first step once took 17 s) from failing the check of
      // what this test is about: the pipeline, not the speed.
      load: {
        rates: [20, 40],
        durationMs: 1_000,
        warmupMs: 1_000,
        p95LimitMs: 25_000,
        errorRateLimit: 0.01,
      },
      outDir,
      logger: silentLogger,
      print: (line) => printed.push(line),
      progressStream: process.stderr,
    });

    // Assert: both modes ran in order, every request got its inventory outcome
    expect(result.error).toBeUndefined();
    expect(result.interrupted).toBe(false);
    expect(deployedModes).toEqual(['lambda', 'worker']);
    expect(result.runs.map((r) => r.mode)).toEqual(['lambda', 'worker']);
    for (const { outcome } of result.runs) {
      expect(outcome.run.scenario).toBe('inventory-e2e');
      expect(outcome.run.steps.map((s) => s.offeredRps)).toEqual([20, 40]);
      for (const step of outcome.run.steps) {
        expect(step.succeeded).toBeGreaterThan(0);
        expect(step.errors + step.timeouts).toBe(0);
      }
    }
    // Worker mode is really deployed: the rule feeds the inventory queue a worker drains.
    const sqs = new SQSClient(fixture.clientConfig);
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: INVENTORY_QUEUE_NAME }),
    );
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    sqs.destroy();
    expect(Number(Attributes?.ApproximateNumberOfMessages)).toBe(0);
    expect(fixture.cloud.containers.processes().some((p) => p.role.includes('worker'))).toBe(true);

    // Assert: one report, both modes side by side, metrics sampled per mode
    const markdown = readFileSync(join(outDir, 'report.md'), 'utf8');
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    expect(markdown).toContain('## Lambda mode against worker mode');
    expect(markdown).toContain(
      '| offered rps | lambda p95 ms | lambda achieved rps | lambda errors | worker p95 ms |',
    );
    expect(markdown).toMatch(/\| highest step held \| 40 rps \|/);
    expect(html).toContain('<table id="comparison">');
    expect(html).toContain('worker p95 ms');
    expect(result.comparison).toContain('| 20 |');
    for (const mode of ['lambda', 'worker']) {
      const files = readdirSync(join(outDir, mode));
      const csv = files.find((f) => f.endsWith('.metrics.csv'));
      expect(csv, `metrics CSV for ${mode}`).toBeDefined();
      expect(readFileSync(join(outDir, mode, csv!), 'utf8')).toContain('local-cloud');
    }
    expect(printed).toContain(`deploying worker mode to embedded (${fixture.endpoint})`);
  });

  it('reports a deploy that fails as a DeployFailed error, with no report', async () => {
    // Arrange: an endpoint where nothing listens
    const outDir = join(mkdtempSync(join(tmpdir(), 'novamart-compare-')), 'report');
    const target = embeddedTarget({
      endpoint: 'http://127.0.0.1:9',
      logger: silentLogger,
      stateDir: mkdtempSync(join(tmpdir(), 'novamart-compare-state-')),
      inventoryOnly: true,
    });

    // Act
    const result = await runCompare({
      target,
      load: { rates: [10], durationMs: 500, errorRateLimit: 0.01 },
      outDir,
      logger: silentLogger,
      print: () => {},
    });

    // Assert
    expect(result.error?.code).toBe('DeployFailed');
    expect(result.error?.message).toMatch(/^deploying lambda mode failed: /);
    expect(result.runs).toEqual([]);
    expect(result.report).toBeUndefined();
    expect(existsSync(outDir)).toBe(false);
  });
});
