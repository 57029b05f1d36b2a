import { join } from 'node:path';
import {
  CreateFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { isAlive } from '../../helpers/process-alive.ts';
import { createQueue, queueCounts } from '../../helpers/queues.ts';
import {
  BEHAVIOUR_HANDLER,
  type FunctionFolder,
  RECORDING_HANDLER,
  readRecords,
  writeFunctionFolder,
} from './function-fixtures.ts';
import { waitFor } from './wait-for.ts';

const fixture = useLocalCloud({ lambda: { defaultConcurrency: 3, asyncRetryBaseDelayMs: 20 } });
let client: LambdaClient;
let behaviour: FunctionFolder;
let recording: FunctionFolder;
const decode = (bytes?: Uint8Array) => new TextDecoder().decode(bytes);

async function createFunction(
  name: string,
  folder: FunctionFolder,
  extra: Record<string, unknown> = {},
) {
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/test',
      Handler: 'index.handler',
      Code: { ZipFile: folder.zip() },
      ...extra,
    }),
  );
}

function invoke(functionName: string, event: unknown, extra: Record<string, unknown> = {}) {
  return client.send(
    new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event), ...extra }),
  );
}

beforeAll(async () => {
  // One attempt: the SDK would otherwise retry 429s and hide them.
  client = new LambdaClient({ ...fixture.clientConfig, maxAttempts: 1 });
  behaviour = writeFunctionFolder({ 'index.mjs': BEHAVIOUR_HANDLER });
  recording = writeFunctionFolder({ 'index.js': RECORDING_HANDLER });
  await createFunction('behaviour', behaviour);
});
afterAll(() => {
  behaviour.remove();
  recording.remove();
});

describe('Invoke RequestResponse', () => {
  it('returns the handler result with the executed version, reusing the warm process', async () => {
    const first = await invoke('behaviour', { hello: 'world' });
    const second = await invoke('behaviour', { hello: 'again' });

    expect(first.StatusCode).toBe(200);
    expect(first.ExecutedVersion).toBe('$LATEST');
    expect(first.FunctionError).toBeUndefined();
    const firstBody = JSON.parse(decode(first.Payload));
    expect(firstBody.echo).toEqual({ hello: 'world' });
    expect(JSON.parse(decode(second.Payload)).pid).toBe(firstBody.pid);
  });

  it('accepts the function ARN and name:$LATEST', async () => {
    const byArn = await invoke('arn:aws:lambda:us-east-1:000000000000:function:behaviour', {
      n: 1,
    });
    const byQualifier = await invoke('behaviour:$LATEST', { n: 2 });

    expect(JSON.parse(decode(byArn.Payload)).echo).toEqual({ n: 1 });
    expect(JSON.parse(decode(byQualifier.Payload)).echo).toEqual({ n: 2 });
  });

  it('reports a function error as 200 with X-Amz-Function-Error and Node error payload', async () => {
    const out = await invoke('behaviour', { fail: 'bad input' });

    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    const body = JSON.parse(decode(out.Payload));
    expect(body).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(body.trace[0]).toBe('TypeError: bad input');
  });

  it('returns the invocation log tail when asked, and keeps the function log', async () => {
    const out = await invoke('behaviour', { log: 'tail-me' }, { LogType: 'Tail' });

    const tail = Buffer.from(out.LogResult ?? '', 'base64').toString('utf8');
    expect(tail).toMatch(/^START RequestId: \S+ Version: \$LATEST/);
    expect(tail).toMatch(/\tINFO\tlogged: tail-me\n/);
    expect(tail).toMatch(/END RequestId: /);
    expect(tail).toMatch(/REPORT RequestId: \S+\tDuration: [\d.]+ ms/);
    const lambda = fixture.cloud.services.lambda as unknown as {
      functionLogs(name: string): string[];
    };
    expect(lambda.functionLogs('behaviour').some((line) => line.endsWith('logged: tail-me'))).toBe(
      true,
    );
  });

  it('times out, answers Sandbox.Timedout and replaces the process', async () => {
    await createFunction('slow', behaviour, { Timeout: 1 });
    const warm = JSON.parse(decode((await invoke('slow', {})).Payload));

    const out = await invoke('slow', { sleepMs: 5000 });

    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(decode(out.Payload))).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds$/),
    });
    expect(isAlive(warm.pid)).toBe(false);
    const after = JSON.parse(decode((await invoke('slow', {})).Payload));
    expect(after.pid).not.toBe(warm.pid);
  });

  it('fails the invocation with Runtime.ExitError when the process dies, then recovers', async () => {
    const out = await invoke('behaviour', { crash: true });

    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(decode(out.Payload)).errorType).toBe('Runtime.ExitError');
    expect(JSON.parse(decode((await invoke('behaviour', { n: 3 })).Payload)).echo).toEqual({
      n: 3,
    });
  });

  it('keeps warm invoke overhead under 2 ms at the median', async () => {
    const lambda = fixture.cloud.services.lambda;
    const request = {
      method: 'POST',
      path: '/2015-03-31/functions/behaviour/invocations',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from('{}'),
      region: 'us-east-1',
      accountId: '000000000000',
      origin: fixture.endpoint,
    };
    const durationsMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await lambda.handle(request);
      durationsMs.push(performance.now() - started);
    }

    durationsMs.sort((a, b) => a - b);
    expect(durationsMs[100]).toBeLessThan(2);
  });
});

describe('Invoke request checks', () => {
  it('answers DryRun with 204 and runs nothing', async () => {
    const out = await invoke('behaviour', {}, { InvocationType: 'DryRun' });

    expect(out.StatusCode).toBe(204);
  });

  it('rejects a payload that is not JSON with 400 InvalidRequestContentException', async () => {
    const attempt = client.send(
      new InvokeCommand({ FunctionName: 'behaviour', Payload: new TextEncoder().encode('{nope') }),
    );

    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidRequestContentException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rejects a payload over 6 MB with 413 RequestEntityTooLargeException', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(6_300_000) });

    await expect(invoke('behaviour', JSON.parse(big))).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      $metadata: { httpStatusCode: 413 },
    });
  });

  it('answers 404 ResourceNotFoundException for an unknown function', async () => {
    await expect(invoke('ghost', {})).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('concurrency', () => {
  it('answers 429 with ReservedFunctionConcurrentInvocationLimitExceeded over the reserved cap', async () => {
    await createFunction('capped', behaviour);
    await client.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'capped',
        ReservedConcurrentExecutions: 1,
      }),
    );
    const busy = invoke('capped', { sleepMs: 600 });
    await new Promise((resolve) => setTimeout(resolve, 150));

    const rejected = invoke('capped', {});

    await expect(rejected).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      $metadata: { httpStatusCode: 429 },
    });
    expect((await busy).StatusCode).toBe(200);
    const got = await client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'capped' }));
    expect(got.ReservedConcurrentExecutions).toBe(1);
  });

  it('rejects every sync invoke at reserved concurrency 0, and serves again once it is removed', async () => {
    await client.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'capped',
        ReservedConcurrentExecutions: 0,
      }),
    );
    await expect(invoke('capped', {})).rejects.toMatchObject({ name: 'TooManyRequestsException' });

    await client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'capped' }));

    expect((await invoke('capped', {})).StatusCode).toBe(200);
    const got = await client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'capped' }));
    expect(got.ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('Invoke Event (asynchronous)', () => {
  it('answers 202 and runs every queued event, even beyond the concurrency cap', async () => {
    const recordFile = join(recording.dir, 'async.jsonl');
    await createFunction('async-recorder', recording, {
      Environment: { Variables: { RECORD_FILE: recordFile } },
    });
    await client.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'async-recorder',
        ReservedConcurrentExecutions: 1,
      }),
    );

    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => invoke('async-recorder', { n }, { InvocationType: 'Event' })),
    );

    expect(answers.map((a) => a.StatusCode)).toEqual([202, 202, 202, 202]);
    await waitFor(() => readRecords(recordFile).length === 4);
    expect(readRecords(recordFile)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });

  it('retries a failing event MaximumRetryAttempts times, then sends it to the dead-letter queue', async () => {
    const sqs = new SQSClient(fixture.clientConfig);
    const { url: QueueUrl, arn: dlqArn } = await createQueue(sqs, 'async-dlq');
    const recordFile = join(recording.dir, 'retries.jsonl');
    await createFunction('async-failing', recording, {
      Environment: { Variables: { RECORD_FILE: recordFile } },
      DeadLetterConfig: { TargetArn: dlqArn },
    });
    await client.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: 'async-failing',
        MaximumRetryAttempts: 1,
      }),
    );

    await invoke('async-failing', { fail: true, id: 'e1' }, { InvocationType: 'Event' });

    await waitFor(async () => (await queueCounts(sqs, QueueUrl)).visible === 1);
    expect(readRecords(recordFile)).toHaveLength(2);
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    expect(dead.Messages).toHaveLength(1);
    expect(JSON.parse(dead.Messages![0]!.Body!)).toEqual({ fail: true, id: 'e1' });
  });

  it('retries twice by default', async () => {
    const recordFile = join(recording.dir, 'default-retries.jsonl');
    await createFunction('async-default', recording, {
      Environment: { Variables: { RECORD_FILE: recordFile } },
    });

    await (
      fixture.cloud.services.lambda as unknown as {
        invokeAsync(f: string, p: string): Promise<void>;
      }
    ).invokeAsync('async-default', JSON.stringify({ fail: true }));

    await waitFor(() => readRecords(recordFile).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(readRecords(recordFile)).toHaveLength(3);
  });

  it('applies a configuration update to new processes', async () => {
    const updated = await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'behaviour',
        Environment: { Variables: { GREETING: 'hi' } },
      }),
    );

    expect(updated.Environment?.Variables).toEqual({ GREETING: 'hi' });
    const out = JSON.parse(decode((await invoke('behaviour', { context: true })).Payload));
    expect(out.env.GREETING).toBe('hi');
  });
});
