import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { type MessageAttributeValue, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createQueue, queueCounts } from '../../helpers/queues.ts';
import {
  type FunctionFolder,
  readRecords,
  SQS_CONSUMER_HANDLER,
  writeFunctionFolder,
} from './function-fixtures.ts';
import { waitFor } from './wait-for.ts';

// The pollers run against the local cloud's real SQS service; queues are created, fed and
// inspected through the SDK, so what a test sees is what any SQS client would see.
const fixture = useLocalCloud({ lambda: { sqsPollWaitSeconds: 1, sqsErrorBackoffMs: 50 } });
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
let client: LambdaClient;
let sqs: SQSClient;
let consumer: FunctionFolder;

interface Recorded {
  record: Record<string, unknown> & { body: string; messageId: string };
  startedMs: number;
  endedMs: number;
}

async function createConsumer(name: string, variables: Record<string, string>) {
  const recordFile = join(consumer.dir, `${name}.jsonl`);
  await client.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/test',
      Handler: 'index.handler',
      Code: { ZipFile: consumer.zip() },
      Environment: { Variables: { RECORD_FILE: recordFile, ...variables } },
    }),
  );
  return () => readRecords(recordFile) as Recorded[];
}

/** A queue whose in-flight messages come back after `visibilityTimeoutSeconds`. */
function queueWithVisibility(name: string, visibilityTimeoutSeconds: number) {
  return createQueue(sqs, name, { VisibilityTimeout: String(visibilityTimeoutSeconds) });
}

async function send(
  queueUrl: string,
  body: string,
  messageAttributes?: Record<string, MessageAttributeValue>,
) {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: body,
      MessageAttributes: messageAttributes,
    }),
  );
}

/** Messages still in the queue: waiting to be received, and received but not yet deleted. */
function counts(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  return queueCounts(sqs, queueUrl);
}

async function depth(queueUrl: string): Promise<number> {
  const { visible, inFlight } = await counts(queueUrl);
  return visible + inFlight;
}

beforeAll(() => {
  client = new LambdaClient(fixture.clientConfig);
  sqs = new SQSClient(fixture.clientConfig);
  consumer = writeFunctionFolder({ 'index.js': SQS_CONSUMER_HANDLER });
});
afterAll(() => consumer.remove());

describe('SQS event source mapping', () => {
  it('is created with 202 and State Creating, then reads Enabled', async () => {
    const queue = await queueWithVisibility('lifecycle', 30);
    expect(queue.arn).toBe(queueArn('lifecycle'));
    await createConsumer('esm-lifecycle', {});

    const created = await client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-lifecycle',
        EventSourceArn: queueArn('lifecycle'),
        BatchSize: 5,
      }),
    );

    expect(created).toMatchObject({
      State: 'Creating',
      BatchSize: 5,
      EventSourceArn: queueArn('lifecycle'),
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:esm-lifecycle',
      $metadata: { httpStatusCode: 202 },
    });
    const got = await client.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    expect(got.State).toBe('Enabled');
    const listed = await client.send(
      new ListEventSourceMappingsCommand({ FunctionName: 'esm-lifecycle' }),
    );
    expect(listed.EventSourceMappings?.map((m) => m.UUID)).toEqual([created.UUID]);
  });

  it('delivers the SQS event shape and deletes a successful batch', async () => {
    const { url, arn } = await queueWithVisibility('shape', 30);
    const records = await createConsumer('esm-shape', {});
    await client.send(
      new CreateEventSourceMappingCommand({ FunctionName: 'esm-shape', EventSourceArn: arn }),
    );

    await send(url, '{"orderId":"o-1"}', {
      Author: { DataType: 'String', StringValue: 'Ann' },
    });

    // Delivered, then deleted: with a 30 s visibility timeout an undeleted message stays in flight.
    await waitFor(async () => records().length === 1 && (await depth(url)) === 0);
    const [{ record }] = records() as [Recorded];
    expect(record).toMatchObject({
      body: '{"orderId":"o-1"}',
      md5OfBody: createHash('md5').update('{"orderId":"o-1"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {
        Author: {
          stringValue: 'Ann',
          stringListValues: [],
          binaryListValues: [],
          dataType: 'String',
        },
      },
    });
    expect(record.messageId).toEqual(expect.any(String));
    expect(record.receiptHandle).toEqual(expect.any(String));
    expect(await counts(url)).toEqual({ visible: 0, inFlight: 0 });
  });

  it('deletes only the successful records under ReportBatchItemFailures', async () => {
    const { url, arn } = await queueWithVisibility('partial', 1);
    const records = await createConsumer('esm-partial', {});
    await send(url, '{"n":1}');
    await send(url, '{"n":2,"fail":true}');
    await send(url, '{"n":3}');

    await client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-partial',
        EventSourceArn: arn,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );

    // All three arrive in the first batch; two are deleted, one stays (nothing else is sent, so
    // the queue can only shrink).
    await waitFor(async () => records().length >= 3 && (await depth(url)) === 1);
    expect(
      records()
        .slice(0, 3)
        .map((r) => r.record.body)
        .sort(),
    ).toEqual(['{"n":1}', '{"n":2,"fail":true}', '{"n":3}']);
    // The failed message comes back after the visibility timeout (1 s here) and is retried: it is
    // the one that stayed, so the two deleted were the successes.
    await waitFor(() => records().filter((r) => r.record.body.includes('"n":2')).length >= 2);
    const retried = records().filter((r) => r.record.body.includes('"n":2'));
    expect((retried[1]!.record.attributes as Record<string, string>).ApproximateReceiveCount).toBe(
      '2',
    );
    expect(await depth(url)).toBe(1);
  });

  it('leaves the whole batch when the function throws or answers an invalid batchItemFailures', async () => {
    for (const mode of ['throw', 'invalid']) {
      const { url, arn } = await queueWithVisibility(`whole-${mode}`, 30);
      const records = await createConsumer(`esm-${mode}`, { MODE: mode });
      await send(url, '{"n":1}');
      await send(url, '{"n":2,"fail":true}');

      await client.send(
        new CreateEventSourceMappingCommand({
          FunctionName: `esm-${mode}`,
          EventSourceArn: arn,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        }),
      );

      await waitFor(() => records().length === 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Both received, neither deleted: still in flight until the 30 s visibility timeout ends.
      expect(await counts(url)).toEqual({ visible: 0, inFlight: 2 });
    }
  });

  it('runs several batches at once, up to ScalingConfig.MaximumConcurrency', async () => {
    const { url, arn } = await queueWithVisibility('parallel', 30);
    const records = await createConsumer('esm-parallel', { SLEEP_MS: '300' });
    for (let n = 0; n < 6; n++) await send(url, JSON.stringify({ n }));

    await client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-parallel',
        EventSourceArn: arn,
        BatchSize: 1,
        ScalingConfig: { MaximumConcurrency: 2 },
      }),
    );

    await waitFor(async () => records().length === 6 && (await depth(url)) === 0, 20_000);
    const spans = records().map((r) => [r.startedMs, r.endedMs] as const);
    const overlapAt = (t: number) => spans.filter(([start, end]) => start <= t && t < end).length;
    const peak = Math.max(...spans.map(([start]) => overlapAt(start)));
    expect(peak).toBe(2);
  });

  it('gathers messages arriving within MaximumBatchingWindowInSeconds into one batch', async () => {
    const { url, arn } = await queueWithVisibility('window', 30);
    const records = await createConsumer('esm-window', {});
    await client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-window',
        EventSourceArn: arn,
        BatchSize: 20,
        MaximumBatchingWindowInSeconds: 1,
      }),
    );

    for (let n = 0; n < 3; n++) {
      await send(url, JSON.stringify({ n }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await waitFor(async () => records().length === 3 && (await depth(url)) === 0);
    expect(new Set(records().map((r) => r.startedMs)).size).toBe(1);
  });

  it('stops polling when disabled and is gone after delete', async () => {
    const { url, arn } = await queueWithVisibility('toggle', 30);
    const records = await createConsumer('esm-toggle', {});
    const created = await client.send(
      new CreateEventSourceMappingCommand({ FunctionName: 'esm-toggle', EventSourceArn: arn }),
    );

    const updated = await client.send(
      new UpdateEventSourceMappingCommand({ UUID: created.UUID, Enabled: false }),
    );
    await send(url, '{"n":1}');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(updated.State).toBe('Updating');
    expect(
      (await client.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State,
    ).toBe('Disabled');
    expect(records()).toEqual([]);
    expect(await counts(url)).toEqual({ visible: 1, inFlight: 0 });
    const deleted = await client.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
    expect(deleted.State).toBe('Deleting');
    await expect(
      client.send(new GetEventSourceMappingCommand({ UUID: created.UUID })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects a missing queue, a large batch without a window, and a duplicate mapping', async () => {
    const missingQueue = client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-lifecycle',
        EventSourceArn: queueArn('missing'),
      }),
    );
    const bigBatch = client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-lifecycle',
        EventSourceArn: queueArn('lifecycle'),
        BatchSize: 100,
      }),
    );
    const duplicate = client.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'esm-lifecycle',
        EventSourceArn: queueArn('lifecycle'),
      }),
    );

    await expect(missingQueue).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(bigBatch).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringContaining('BatchSize 100'),
    });
    await expect(duplicate).rejects.toMatchObject({
      name: 'ResourceConflictException',
      $metadata: { httpStatusCode: 409 },
    });
  });
});
