import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../loadtests/runner/run-scenario.ts';
import { inventoryInvoke } from '../../../loadtests/scenarios/inventory-invoke.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { type FunctionFolder, writeFunctionFolder } from '../../local/lambda/function-fixtures.ts';

const fixture = useLocalCloud();

/** Accepts only a well-formed EventBridge order.placed envelope; says what was wrong otherwise. */
const CHECKING_HANDLER = `
export const handler = async (event) => {
  const d = event.detail;
  if (event.source !== 'novamart.orders' || event['detail-type'] !== 'order.placed') throw new RangeError('not order.placed');
  if (!d || !d.orderId.startsWith('lt-') || !Array.isArray(d.items) || d.items.length < 1) throw new RangeError('bad detail');
  return { ok: true };
};
`;
const FAILING_HANDLER = `export const handler = async () => { throw new TypeError('stock table missing'); };`;

const folders: FunctionFolder[] = [];
let lambda: LambdaClient;

async function createFunction(name: string, code: string) {
  const folder = writeFunctionFolder({ 'index.mjs': code });
  folders.push(folder);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/test',
      Handler: 'index.handler',
      Code: { ZipFile: folder.zip() },
    }),
  );
}

async function runAgainst(functionName: string) {
  const instance = await inventoryInvoke.setup({
    target: 'embedded',
    endpoint: fixture.endpoint,
    region: 'us-east-1',
    maxInFlight: 20,
    requestTimeoutMs: 20_000,
    logger: silentLogger,
    options: { functionName },
  });
  try {
    return await runScenario({
      scenario: 'inventory-invoke',
      instance,
      steps: [{ rateRps: 10, durationMs: 600 }],
      thresholds: { errorRateLimit: 0 },
      target: 'embedded',
      maxInFlight: 20,
      whenFull: 'drop',
      requestTimeoutMs: 20_000,
      logger: silentLogger,
    });
  } finally {
    await instance.teardown();
  }
}

beforeAll(async () => {
  lambda = new LambdaClient(fixture.clientConfig);
  await createFunction('checking-inventory', CHECKING_HANDLER);
  await createFunction('failing-inventory', FAILING_HANDLER);
});

afterAll(() => {
  lambda?.destroy();
  for (const folder of folders) folder.remove();
});

describe('inventory-invoke against the local cloud', () => {
  it('invokes the function with an order.placed envelope per request', async () => {
    const run = await runAgainst('checking-inventory');

    const [step] = run.steps;
    expect(step.scheduled).toBe(6);
    expect(step.errorsByKind).toEqual({});
    expect(step.succeeded).toBe(6);
    expect(run.passed).toBe(true);
  });

  it('counts an answer with X-Amz-Function-Error as an error of its errorType', async () => {
    const run = await runAgainst('failing-inventory');

    const [step] = run.steps;
    expect(step.errorsByKind).toEqual({ 'function_error:TypeError': 6 });
    expect(step.errorRate).toBe(1);
    expect(run.passed).toBe(false);
  });
});
