/**
 * The template `cdklocal deploy -c target=localstack` sends, synthesized in-process for both
 * inventory modes: only resource types LocalStack's free tier serves, and every asset it names
 * is on disk.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INVENTORY_MODES } from '../../lib/app-settings.ts';
import { buildNovaMartApp, STACK_NAME } from '../../lib/novamart-app.ts';
import {
  LOCALSTACK_FREE_TIER_RESOURCE_TYPES,
  LOCALSTACK_PAID_TIER_EXAMPLES,
  unservedResourceTypes,
} from '../../src/localstack/free-tier-resources.ts';
import { STACK_NAME as PLANNED_STACK_NAME } from '../../src/localstack/plans.ts';

interface AssetManifest {
  files?: Record<string, { source: { path: string; packaging?: string } }>;
  dockerImages?: Record<string, { source: { directory: string; dockerFile?: string } }>;
}

const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

function synthesize(mode: string) {
  const outdir = mkdtempSync(join(tmpdir(), 'novamart-localstack-'));
  outdirs.push(outdir);
  const { app, stack } = buildNovaMartApp({
    outdir,
    context: { target: 'localstack', inventoryMode: mode },
  });
  const assembly = app.synth();
  const artifact = assembly.getStackByName(stack.stackName);
  const assetsFile = readdirSync(outdir).find((name) => name.endsWith('.assets.json'));
  const assets = JSON.parse(readFileSync(join(outdir, assetsFile!), 'utf8')) as AssetManifest;
  return {
    outdir,
    template: artifact.template as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    },
    assets,
  };
}

describe.each(INVENTORY_MODES)('target=localstack, inventoryMode=%s', (mode) => {
  const synth = synthesize(mode);

  it('contains only resource types in the free-tier list', () => {
    expect(unservedResourceTypes(synth.template)).toEqual([]);
    expect(Object.keys(synth.template.Resources).length).toBeGreaterThan(0);
  });

  it('leaves out the VPC, ECS, the ALB and RDS', () => {
    const types = Object.values(synth.template.Resources).map((r) => r.Type);
    expect(types.filter((t) => /^AWS::(EC2|ECS|ElasticLoadBalancingV2|RDS)::/.test(t))).toEqual([]);
  });

  it('names only files and Dockerfiles that exist', () => {
    for (const { source } of Object.values(synth.assets.files ?? {})) {
      if (source.path.endsWith('.json')) continue; // the template itself
      const path = join(synth.outdir, source.path);
      expect(existsSync(path), path).toBe(true);
    }
    for (const { source } of Object.values(synth.assets.dockerImages ?? {})) {
      const dockerfile = join(synth.outdir, source.directory, source.dockerFile ?? 'Dockerfile');
      expect(existsSync(dockerfile), dockerfile).toBe(true);
    }
  });

  it('bundles every Lambda function into an asset that holds its handler file', () => {
    const functions = Object.values(synth.template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    expect(functions.length).toBe(mode === 'lambda' ? 1 : 0);
    for (const fn of functions) {
      const code = fn.Properties?.Code as { S3Key?: string } | undefined;
      const key = String(code?.S3Key);
      const asset = Object.entries(synth.assets.files ?? {}).find(([hash]) => key.startsWith(hash));
      expect(asset, `asset for ${key}`).toBeDefined();
      const [handlerFile] = String(fn.Properties?.Handler).split('.');
      const dir = join(synth.outdir, asset![1].source.path);
      expect(
        readdirSync(dir).some((name) => name.startsWith(`${handlerFile}.`)),
        `${dir}/${handlerFile}.*`,
      ).toBe(true);
    }
  });
});

describe('the free-tier list', () => {
  it('flags a paid-tier type (the check can fail)', () => {
    const template = { Resources: { Cluster: { Type: LOCALSTACK_PAID_TIER_EXAMPLES[0] } } };
    expect(unservedResourceTypes(template)).toEqual([LOCALSTACK_PAID_TIER_EXAMPLES[0]]);
  });

  it('holds none of the paid-tier examples', () => {
    for (const type of LOCALSTACK_PAID_TIER_EXAMPLES)
      expect(LOCALSTACK_FREE_TIER_RESOURCE_TYPES.has(type)).toBe(false);
  });

  it('deploys the stack name the CDK app uses', () => {
    expect(PLANNED_STACK_NAME).toBe(STACK_NAME);
  });
});
