/** `novamart localstack`: the commands it plans, run as a real child process (no Docker here). */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { localstackEndpoints } from '../../src/localstack/endpoints.ts';
import { flipPlan, formatCommand, type PlanOptions, upPlan } from '../../src/localstack/plans.ts';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('./fixtures/localstack-cli.ts', import.meta.url));
const options: PlanOptions = { dockerBin: 'docker', endpoints: localstackEndpoints({}) };

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the plans', () => {
  it('up: infrastructure, bootstrap, deploy in the mode, then the services (worker with its profile)', () => {
    const lines = upPlan(options, 'worker').map(formatCommand);
    expect(lines).toEqual([
      'docker compose -f docker-compose.localstack.yml up -d --wait localstack catalog-postgres order-postgres',
      'AWS_ENDPOINT_URL=http://localhost:4566 AWS_REGION=us-east-1 npx cdklocal bootstrap aws://000000000000/us-east-1 -c target=localstack',
      'AWS_ENDPOINT_URL=http://localhost:4566 AWS_REGION=us-east-1 npx cdklocal deploy NovaMart --require-approval never -c target=localstack -c inventoryMode=worker',
      'docker compose -f docker-compose.localstack.yml --profile worker up -d --wait --build catalog orders inventory-worker',
    ]);
  });

  it('up in lambda mode starts no worker', () => {
    const last = upPlan(options, 'lambda', false).map(formatCommand).at(-1);
    expect(last).toBe(
      'docker compose -f docker-compose.localstack.yml up -d --wait --build catalog orders',
    );
  });

  it('flip deploys first, then starts or stops the worker', () => {
    expect(flipPlan(options, 'worker').map(formatCommand)).toEqual([
      expect.stringContaining(
        'cdklocal deploy NovaMart --require-approval never -c target=localstack -c inventoryMode=worker',
      ),
      'docker compose -f docker-compose.localstack.yml --profile worker up -d --wait --build inventory-worker',
    ]);
    expect(flipPlan(options, 'lambda').map(formatCommand)).toEqual([
      expect.stringContaining('-c inventoryMode=lambda'),
      'docker compose -f docker-compose.localstack.yml --profile worker stop inventory-worker',
    ]);
  });

  it('points cdklocal at LOCALSTACK_ENDPOINT when it is set', () => {
    const elsewhere = {
      ...options,
      endpoints: localstackEndpoints({ LOCALSTACK_ENDPOINT: 'http://ls.internal:4566' }),
    };
    expect(upPlan(elsewhere, 'lambda')[1].env?.AWS_ENDPOINT_URL).toBe('http://ls.internal:4566');
  });
});

describe('novamart localstack (child process)', () => {
  it('prints each command with --dry-run and runs none', async () => {
    const result = await cli(['localstack', 'up', '--mode', 'worker', '--dry-run'], {
      NOVAMART_DOCKER: '/nonexistent/docker',
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '$ /nonexistent/docker compose -f docker-compose.localstack.yml up -d --wait localstack',
    );
    expect(result.stdout).toContain('-c target=localstack -c inventoryMode=worker');
    expect(result.stdout.match(/^\$ /gm)?.length).toBe(4);
  });

  it('says Docker is required, and that the embedded target needs none, when docker is missing', async () => {
    const result = await cli(['localstack', 'down'], { NOVAMART_DOCKER: '/nonexistent/docker' });

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Docker \(with Compose v2\) is required/);
    expect(result.stderr).toContain('embedded target needs no Docker');
    expect(result.stdout).toBe('');
  });

  it('rejects a mode that does not exist, naming the allowed ones', async () => {
    const result = await cli(['localstack', 'deploy', '--mode', 'fargate', '--dry-run']);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('expected lambda or worker, got "fargate"');
  });

  it('says the Compose v2 plugin is required when docker has no compose command', async () => {
    // Arrange: a docker CLI without the plugin, answering as docker does.
    const dir = mkdtempSync(join(tmpdir(), 'novamart-docker-'));
    const docker = join(dir, 'docker');
    writeFileSync(
      docker,
      '#!/bin/sh\necho "docker: unknown command: docker compose" >&2\nexit 1\n',
    );
    chmodSync(docker, 0o755);

    // Act
    const result = await cli(['localstack', 'status'], { NOVAMART_DOCKER: docker });

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown command: docker compose');
    expect(result.stderr).toContain('Docker Compose v2 plugin');
  });
});
