/**
 * `compare --target localstack` cannot run here (no Docker), so its plan is checked instead: which
 * commands each mode runs, in which order, and what `--dry-run` prints.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { localstackDeployPlan, localstackTarget } from '../../src/compare/localstack-target.ts';
import { localstackEndpoints } from '../../src/localstack/endpoints.ts';
import { formatCommand, type PlannedCommand } from '../../src/localstack/plans.ts';

const run = promisify(execFile);
const plan = { dockerBin: 'docker', endpoints: localstackEndpoints({}) };
const lines = (commands: PlannedCommand[]) => commands.map(formatCommand);

describe('compare on LocalStack', () => {
  it('brings the stack up in lambda mode first, stopping a worker an earlier run left', () => {
    // Act
    const commands = lines(localstackDeployPlan(plan, 'lambda', true));

    // Assert
    expect(commands[0]).toMatch(
      /^docker compose -f docker-compose.localstack.yml up -d --wait localstack /,
    );
    expect(commands).toContain(
      'AWS_ENDPOINT_URL=http://localhost:4566 AWS_REGION=us-east-1 npx cdklocal deploy NovaMart --require-approval never -c target=localstack -c inventoryMode=lambda',
    );
    expect(commands.at(-1)).toBe(
      'docker compose -f docker-compose.localstack.yml --profile worker stop inventory-worker',
    );
  });

  it('flips to worker mode by redeploying, then starting the worker', () => {
    // Act
    const commands = lines(localstackDeployPlan(plan, 'worker', false));

    // Assert
    expect(commands).toEqual([
      'AWS_ENDPOINT_URL=http://localhost:4566 AWS_REGION=us-east-1 npx cdklocal deploy NovaMart --require-approval never -c target=localstack -c inventoryMode=worker',
      'docker compose -f docker-compose.localstack.yml --profile worker up -d --wait --build inventory-worker',
    ]);
  });

  it('runs the up plan for the first mode and the flip plan for the second, and samples docker stats', async () => {
    // Arrange
    const ran: string[][] = [];
    const target = localstackTarget({
      plan,
      runPlan: async (commands) => void ran.push(lines(commands)),
    });

    // Act
    await target.deploy('lambda');
    await target.deploy('worker');

    // Assert
    expect(target.endpoint).toBe('http://localhost:4566');
    expect(ran[0]).toEqual(lines(localstackDeployPlan(plan, 'lambda', true)));
    expect(ran[1]).toEqual(lines(localstackDeployPlan(plan, 'worker', false)));
    expect(await target.metrics()).toEqual({ dockerStats: true });
  });

  it('prints the whole plan with --dry-run, without Docker', async () => {
    // Act
    const { stdout } = await run(
      process.execPath,
      [
        'bin/novamart.mjs',
        'compare',
        '--target',
        'localstack',
        '--dry-run',
        '--duration',
        '15s',
        '--out',
        '/tmp/x',
      ],
      { env: { ...process.env, NOVAMART_DOCKER: '/nonexistent/docker' } },
    );

    // Assert
    expect(stdout).toContain('# lambda mode');
    expect(stdout).toContain('-c inventoryMode=lambda');
    expect(stdout).toContain('-c inventoryMode=worker');
    expect(stdout).toContain(
      '$ novamart loadtest inventory-e2e --target localstack --endpoint http://localhost:4566 --rps 100,200,400,800 --duration 15000ms --p95 500 --error-rate 0.01 --mode-label worker --out /tmp/x/worker',
    );
    expect(stdout).toContain('$ novamart report /tmp/x/lambda /tmp/x/worker --out /tmp/x');
  });
});
