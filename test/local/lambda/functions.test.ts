import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { isAlive } from '../../helpers/process-alive.ts';
import {
  BEHAVIOUR_HANDLER,
  type FunctionFolder,
  writeFunctionFolder,
} from './function-fixtures.ts';

const ROLE = 'arn:aws:iam::000000000000:role/test';
const fixture = useLocalCloud();
let client: LambdaClient;
let folder: FunctionFolder;

beforeAll(() => {
  client = new LambdaClient(fixture.clientConfig);
  folder = writeFunctionFolder({ 'index.mjs': BEHAVIOUR_HANDLER });
});
afterAll(() => folder.remove());

async function invokeJson(functionName: string, event: unknown) {
  const out = await client.send(
    new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event) }),
  );
  return JSON.parse(new TextDecoder().decode(out.Payload));
}

describe('CreateFunction / GetFunction / ListFunctions / DeleteFunction', () => {
  it('creates a function from a ZipFile and reports it Active', async () => {
    const created = await client.send(
      new CreateFunctionCommand({
        FunctionName: 'crud-zip',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: folder.zip() },
        Environment: { Variables: { GREETING: 'hello' } },
        MemorySize: 256,
      }),
    );

    expect(created).toMatchObject({
      FunctionName: 'crud-zip',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:crud-zip',
      State: 'Active',
      Timeout: 3,
      MemorySize: 256,
      Version: '$LATEST',
      Environment: { Variables: { GREETING: 'hello' } },
    });
    const got = await client.send(new GetFunctionCommand({ FunctionName: created.FunctionArn }));
    expect(got.Configuration?.Handler).toBe('index.handler');
    const listed = await client.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('crud-zip');
  });

  it('runs the function with its environment and an AWS-shaped context', async () => {
    const result = await invokeJson('crud-zip', { context: true });

    expect(result).toMatchObject({
      functionName: 'crud-zip',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:crud-zip',
      memoryLimitInMB: '256',
      logGroupName: '/aws/lambda/crud-zip',
      env: {
        GREETING: 'hello',
        AWS_REGION: 'us-east-1',
        AWS_LAMBDA_FUNCTION_NAME: 'crud-zip',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
        AWS_ENDPOINT_URL: fixture.endpoint,
        AWS_ACCESS_KEY_ID: 'test',
      },
    });
    expect(result.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.remainingMs).toBeGreaterThan(0);
    expect(result.remainingMs).toBeLessThanOrEqual(3000);
  });

  it('runs a CommonJS handler from a local folder (hot-reload bucket)', async () => {
    const local = writeFunctionFolder({
      'app.cjs': 'exports.main = async (event) => ({ style: "cjs", got: event.n });',
    });
    try {
      await client.send(
        new CreateFunctionCommand({
          FunctionName: 'crud-local',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'app.main',
          Code: { S3Bucket: 'hot-reload', S3Key: local.dir },
        }),
      );

      expect(await invokeJson('crud-local', { n: 7 })).toEqual({ style: 'cjs', got: 7 });
    } finally {
      await client.send(new DeleteFunctionCommand({ FunctionName: 'crud-local' }));
      local.remove();
    }
  });

  it('rejects a non-Node runtime, naming the runtimes served', async () => {
    const attempt = client.send(
      new CreateFunctionCommand({
        FunctionName: 'crud-python',
        Runtime: 'python3.12',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: folder.zip() },
      }),
    );

    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('nodejs20.x'),
    });
  });

  it('refuses a second function with the same name', async () => {
    const attempt = client.send(
      new CreateFunctionCommand({
        FunctionName: 'crud-zip',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: folder.zip() },
      }),
    );

    await expect(attempt).rejects.toMatchObject({
      name: 'ResourceConflictException',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('rejects a timeout out of range with the allowed range', async () => {
    const attempt = client.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'crud-zip', Timeout: 0 }),
    );

    await expect(attempt).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('greater than or equal to 1'),
    });
  });

  it('answers 404 ResourceNotFoundException for an unknown function', async () => {
    const attempt = client.send(new GetFunctionCommand({ FunctionName: 'no-such-function' }));

    await expect(attempt).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message:
        'Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('deletes a function and stops its processes', async () => {
    const lambda = fixture.cloud.services.lambda as unknown as {
      functionPids(name: string): number[];
    };
    await client.send(
      new CreateFunctionCommand({
        FunctionName: 'crud-delete',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: folder.zip() },
      }),
    );
    await invokeJson('crud-delete', {});
    const pids = lambda.functionPids('crud-delete');
    expect(pids).toHaveLength(1);

    await client.send(new DeleteFunctionCommand({ FunctionName: 'crud-delete' }));

    expect(pids.filter(isAlive)).toEqual([]);
    await expect(
      client.send(new GetFunctionCommand({ FunctionName: 'crud-delete' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('UpdateFunctionCode / UpdateFunctionConfiguration', () => {
  it('serves new code to the next invocation and replaces warm processes', async () => {
    const before = await invokeJson('crud-zip', { v: 1 });
    const next = writeFunctionFolder({
      'index.mjs': 'export const handler = async () => ({ version: 2 });',
    });

    const updated = await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'crud-zip', ZipFile: next.zip() }),
    );
    next.remove();

    expect(updated.CodeSha256).not.toBe(undefined);
    expect(await invokeJson('crud-zip', {})).toEqual({ version: 2 });
    expect(isAlive(before.pid)).toBe(false);
  });

  it('applies a new environment and handler', async () => {
    const next = writeFunctionFolder({
      'other.js': 'exports.run = async () => ({ greeting: process.env.GREETING });',
    });
    await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'crud-zip', ZipFile: next.zip() }),
    );
    next.remove();

    const updated = await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'crud-zip',
        Handler: 'other.run',
        Environment: { Variables: { GREETING: 'bonjour' } },
        Timeout: 10,
      }),
    );

    expect(updated).toMatchObject({ Handler: 'other.run', Timeout: 10 });
    expect(await invokeJson('crud-zip', {})).toEqual({ greeting: 'bonjour' });
  });
});
