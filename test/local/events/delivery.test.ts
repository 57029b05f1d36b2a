/**
 * Delivery from PutEvents to targets, against the local cloud's real SQS and Lambda: envelope,
 * input transformation, retries with backoff, dead-letter queues. The EventBridge service under
 * test runs in process over the cloud's own context, so each test has its own rules and short
 * retry delays; its targets are real queues, read back with the SQS SDK, and real functions
 * running in child processes. Failures are real too: queues and functions that do not exist yet.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEventsService, type EventsServiceOptions } from '../../../local/events/index.ts';
import type { AwsRequest, ServiceHandler } from '../../../local/types.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createQueue } from '../../helpers/queues.ts';
import {
  type FunctionFolder,
  RECORDING_HANDLER,
  readRecords,
  writeFunctionFolder,
} from '../lambda/function-fixtures.ts';
import { waitFor } from '../lambda/wait-for.ts';

const fixture = useLocalCloud();
const FAST_RETRIES: EventsServiceOptions = { retryBaseDelayMs: 5, retryMaxDelayMs: 20 };
const RULE_ARN = 'arn:aws:events:us-east-1:000000000000:rule/orders';
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

let sqs: SQSClient;
let lambda: LambdaClient;
let recorder: FunctionFolder;
let service: ServiceHandler | undefined;
let names = 0;
/** Queues and functions of every test live in the one cloud of this file: names must not repeat. */
const uniqueName = (prefix: string) => `${prefix}-${++names}`;

beforeAll(() => {
  sqs = new SQSClient(fixture.clientConfig);
  lambda = new LambdaClient(fixture.clientConfig);
  recorder = writeFunctionFolder({ 'index.js': RECORDING_HANDLER });
});
afterEach(async () => {
  await service?.close?.();
  service = undefined;
});
afterAll(() => {
  recorder?.remove();
});

/** An in-process EventBridge request, as the server would hand it to the service. */
function eventsRequest(operation: string, input: unknown): AwsRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': `AWSEvents.${operation}` },
    body: Buffer.from(typeof input === 'string' ? input : JSON.stringify(input)),
    region: 'us-east-1',
    accountId: '000000000000',
    targetOperation: operation,
    origin: fixture.endpoint,
  };
}

/** A fresh EventBridge over the cloud's real SQS and Lambda; closed after the test. */
function setUp(options: EventsServiceOptions = FAST_RETRIES) {
  const events = createEventsService(fixture.cloud.context, options);
  service = events;
  return async (operation: string, input: unknown) => {
    const response = await events.handle(eventsRequest(operation, input));
    return { status: response.status, body: JSON.parse(String(response.body)) };
  };
}
type Call = ReturnType<typeof setUp>;

/** What the queue holds now (or within `waitTimeSeconds`), with SentTimestamp and attributes. */
async function receive(queueUrl: string, waitTimeSeconds = 0): Promise<Message[]> {
  const { Messages } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitTimeSeconds,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp'],
    }),
  );
  return Messages ?? [];
}

/** Long-polls until the queue has messages. */
async function receiveSome(queueUrl: string): Promise<Message[]> {
  const messages = await receive(queueUrl, 5);
  if (messages.length === 0) throw new Error(`no message reached ${queueUrl} within 5 s`);
  return messages;
}

/** Nothing (more) arrives in the queue within `ms`. */
async function expectNoMoreMessages(queueUrl: string, ms = 50) {
  await sleep(ms);
  expect(await receive(queueUrl)).toEqual([]);
}

const sentAtMs = (message: Message) => Number(message.Attributes?.SentTimestamp);

function stringAttributes(message: Message): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
  );
}

/** A real function that appends each event it gets to a file; returns a reader of that file. */
async function createRecordingFunction(name: string): Promise<() => unknown[]> {
  const recordFile = join(recorder.dir, `${name}.jsonl`);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/test',
      Handler: 'index.handler',
      Code: { ZipFile: recorder.zip() },
      Environment: { Variables: { RECORD_FILE: recordFile } },
    }),
  );
  return () => readRecords(recordFile);
}

const orderPlaced = {
  Source: 'novamart.orders',
  DetailType: 'order.placed',
  Detail: JSON.stringify({ orderId: 'o-1', total: 42, items: [{ sku: 'A', qty: 2 }] }),
  Resources: ['arn:aws:x:us-east-1:000000000000:order/o-1'],
};

async function ruleWithTargets(
  call: Call,
  targets: Record<string, unknown>[],
  pattern: unknown = { source: ['novamart.orders'] },
) {
  await call('PutRule', { Name: 'orders', EventPattern: JSON.stringify(pattern) });
  const put = await call('PutTargets', {
    Rule: 'orders',
    Targets: targets.map((target, i) => ({ Id: `t${i + 1}`, ...target })),
  });
  expect(put.body).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
}

const ruleWithTarget = (call: Call, target: Record<string, unknown>, pattern?: unknown) =>
  ruleWithTargets(call, [target], pattern);

describe('EventBridge delivery', () => {
  it('delivers the AWS envelope to an SQS target within milliseconds', async () => {
    // Arrange
    const call = setUp();
    const queue = await createQueue(sqs, uniqueName('inventory'));
    await ruleWithTarget(call, { Arn: queue.arn });

    // Act
    const startedMs = Date.now();
    const put = await call('PutEvents', { Entries: [{ ...orderPlaced, Time: 1_514_000_000.789 }] });

    // Assert
    expect(put.body.FailedEntryCount).toBe(0);
    const messages = await receiveSome(queue.url);
    expect(messages).toHaveLength(1);
    // Generous for a loaded CI box; locally it is about 1 ms.
    expect(sentAtMs(messages[0]) - startedMs).toBeLessThan(100);
    expect(JSON.parse(messages[0].Body!)).toEqual({
      version: '0',
      id: put.body.Entries[0].EventId,
      'detail-type': 'order.placed',
      source: 'novamart.orders',
      account: '000000000000',
      time: '2017-12-23T03:33:20Z',
      region: 'us-east-1',
      resources: ['arn:aws:x:us-east-1:000000000000:order/o-1'],
      detail: { orderId: 'o-1', total: 42, items: [{ sku: 'A', qty: 2 }] },
    });
    expect(messages[0].MessageAttributes).toBeUndefined();
    await expectNoMoreMessages(queue.url);
  });

  it('invokes a Lambda target asynchronously with the event, once', async () => {
    const call = setUp();
    const name = uniqueName('reserve');
    const records = await createRecordingFunction(name);
    await ruleWithTarget(call, { Arn: functionArn(name) });

    const put = await call('PutEvents', { Entries: [orderPlaced] });

    // PutEvents answers before the function runs.
    expect(records()).toEqual([]);
    await waitFor(() => records().length > 0);
    await sleep(50);
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({
      id: put.body.Entries[0].EventId,
      source: 'novamart.orders',
      'detail-type': 'order.placed',
      detail: { orderId: 'o-1', total: 42, items: [{ sku: 'A', qty: 2 }] },
    });
  });

  it('skips disabled rules, non-matching rules and other buses', async () => {
    const call = setUp();
    const queue = await createQueue(sqs, uniqueName('filtered'));
    await call('CreateEventBus', { Name: 'other' });
    await ruleWithTarget(
      call,
      { Arn: queue.arn },
      { source: ['novamart.orders'], detail: { total: [{ numeric: ['>', 100] }] } },
    );
    await call('PutRule', {
      Name: 'disabled',
      EventPattern: '{"source":["novamart.orders"]}',
      State: 'DISABLED',
    });
    await call('PutTargets', { Rule: 'disabled', Targets: [{ Id: 'd', Arn: queue.arn }] });
    await call('PutRule', {
      Name: 'elsewhere',
      EventBusName: 'other',
      EventPattern: '{"source":["novamart.orders"]}',
    });
    await call('PutTargets', {
      Rule: 'elsewhere',
      EventBusName: 'other',
      Targets: [{ Id: 'e', Arn: queue.arn, Input: '"other-bus"' }],
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    await call('PutEvents', { Entries: [{ ...orderPlaced, EventBusName: 'other' }] });

    const messages = await receiveSome(queue.url);
    expect(messages.map((m) => m.Body)).toEqual(['"other-bus"']);
    await expectNoMoreMessages(queue.url);
  });

  it.each([
    ['Input', { Input: '{"fixed":true}' }, { fixed: true }],
    ['InputPath', { InputPath: '$.detail.items[0]' }, { sku: 'A', qty: 2 }],
    [
      'InputTransformer with JSON template',
      {
        InputTransformer: {
          InputPathsMap: {
            order: '$.detail.orderId',
            total: '$.detail.total',
            missing: '$.detail.nope',
          },
          InputTemplate:
            '{"id": <order>, "total": <total>, "text": "order <order> by <aws.events.rule-name>", "m": <missing>}',
        },
      },
      { id: 'o-1', total: 42, text: 'order o-1 by orders', m: null },
    ],
    [
      'InputTransformer with the reserved whole-event variable',
      {
        InputTransformer: {
          InputTemplate: '{"event": <aws.events.event.json>, "rule": "<aws.events.rule-arn>"}',
        },
      },
      {
        event: expect.objectContaining({
          source: 'novamart.orders',
          detail: expect.objectContaining({ orderId: 'o-1' }),
        }),
        rule: RULE_ARN,
      },
    ],
  ])('applies %s', async (_name, inputMembers, expected) => {
    const call = setUp();
    const queue = await createQueue(sqs, uniqueName('input'));
    await ruleWithTarget(call, { Arn: queue.arn, ...inputMembers });

    await call('PutEvents', { Entries: [orderPlaced] });

    const messages = await receiveSome(queue.url);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0].Body!)).toEqual(expected);
  });

  it('retries a missing queue with backoff per RetryPolicy, then sends the event to the dead-letter queue', async () => {
    // Arrange: the target queue does not exist; the DLQ does.
    const call = setUp({ retryBaseDelayMs: 30, retryMaxDelayMs: 40 });
    const dlq = await createQueue(sqs, uniqueName('dlq'));
    const missing = queueArn(uniqueName('not-yet'));
    await ruleWithTarget(call, {
      Arn: missing,
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: dlq.arn },
    });

    // Act
    const startedMs = Date.now();
    const put = await call('PutEvents', { Entries: [orderPlaced] });

    // Assert
    const messages = await receiveSome(dlq.url);
    expect(messages).toHaveLength(1);
    const [dead] = messages;
    expect(JSON.parse(dead.Body!)).toMatchObject({
      id: put.body.Entries[0].EventId,
      source: 'novamart.orders',
      detail: { orderId: 'o-1' },
    });
    const attributes = stringAttributes(dead);
    expect(attributes).toMatchObject({
      RULE_ARN,
      TARGET_ARN: missing,
      ERROR_CODE: 'RESOURCE_NOT_FOUND',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
    });
    expect(attributes.ERROR_MESSAGE).toContain('does not exist');
    // Two retries that backed off: jitter keeps each delay within 50-100 % of 30 ms, then of
    // min(40, 60) ms, so at least 15 + 20 ms passed (less 2 ms for timer and clock rounding).
    expect(sentAtMs(dead) - startedMs).toBeGreaterThanOrEqual(33);
    await expectNoMoreMessages(dlq.url);
  });

  it('delivers on a retry once the missing queue appears', async () => {
    const call = setUp({ retryBaseDelayMs: 30, retryMaxDelayMs: 30 });
    const dlq = await createQueue(sqs, uniqueName('late-dlq'));
    const lateName = uniqueName('late');
    await ruleWithTarget(call, {
      Arn: queueArn(lateName),
      RetryPolicy: { MaximumRetryAttempts: 20 },
      DeadLetterConfig: { Arn: dlq.arn },
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    await sleep(5); // the first attempt has failed by now
    const late = await createQueue(sqs, lateName);

    const messages = await receiveSome(late.url);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0].Body!).detail.orderId).toBe('o-1');
    await expectNoMoreMessages(late.url);
    expect(await receive(dlq.url)).toEqual([]);
  });

  it('invokes a function created after the event, on a retry', async () => {
    const call = setUp({ retryBaseDelayMs: 50, retryMaxDelayMs: 50 });
    const dlq = await createQueue(sqs, uniqueName('late-fn-dlq'));
    const name = uniqueName('late-fn');
    await ruleWithTarget(call, {
      Arn: functionArn(name),
      RetryPolicy: { MaximumRetryAttempts: 60 },
      DeadLetterConfig: { Arn: dlq.arn },
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    await sleep(5); // the first attempt has failed by now
    const records = await createRecordingFunction(name);

    await waitFor(() => records().length > 0);
    await sleep(100);
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ source: 'novamart.orders', detail: { orderId: 'o-1' } });
    expect(await receive(dlq.url)).toEqual([]);
  });

  it('gives up at once when the next retry would come after MaximumEventAgeInSeconds', async () => {
    // Real time, no clock to move: a backoff of 60-120 s puts the first retry past a 60 s age
    // limit, so that target is dead-lettered on its first failure, with no retry made; a target
    // allowed 300 s schedules its retry instead.
    const call = setUp({ retryBaseDelayMs: 120_000, retryMaxDelayMs: 120_000 });
    const dlq = await createQueue(sqs, uniqueName('age-dlq'));
    const gone = functionArn(uniqueName('gone'));
    const patient = functionArn(uniqueName('gone-patient'));
    await ruleWithTargets(call, [
      {
        Arn: gone,
        RetryPolicy: { MaximumEventAgeInSeconds: 60 },
        DeadLetterConfig: { Arn: dlq.arn },
      },
      {
        Arn: patient,
        RetryPolicy: { MaximumEventAgeInSeconds: 300 },
        DeadLetterConfig: { Arn: dlq.arn },
      },
    ]);

    await call('PutEvents', { Entries: [orderPlaced] });

    const messages = await receiveSome(dlq.url);
    expect(messages).toHaveLength(1);
    const attributes = stringAttributes(messages[0]);
    expect(attributes).toMatchObject({
      RULE_ARN,
      TARGET_ARN: gone,
      ERROR_CODE: 'RESOURCE_NOT_FOUND',
      EXHAUSTED_RETRY_CONDITION: 'MaximumEventAgeInSeconds',
      RETRY_ATTEMPTS: '0',
    });
    expect(attributes.ERROR_MESSAGE).toContain('Function not found');
    await expectNoMoreMessages(dlq.url);
  });

  it('stops retrying on close()', async () => {
    const call = setUp({ retryBaseDelayMs: 30, retryMaxDelayMs: 30 });
    const dlq = await createQueue(sqs, uniqueName('close-dlq'));
    const neverName = uniqueName('never');
    await ruleWithTarget(call, {
      Arn: queueArn(neverName),
      RetryPolicy: { MaximumRetryAttempts: 1 },
      DeadLetterConfig: { Arn: dlq.arn },
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    await sleep(5); // the first attempt has failed; its retry is pending
    await service?.close?.();
    // A retry that still ran would now reach this queue, or else the DLQ.
    const target = await createQueue(sqs, neverName);
    await sleep(80);

    expect(await receive(target.url)).toEqual([]);
    expect(await receive(dlq.url)).toEqual([]);
  });
});

describe('EventBridge service in process', () => {
  it('answers malformed JSON with SerializationException and unknown operations with UnknownOperationException', async () => {
    const call = setUp();
    const malformed = await call('PutRule', '{"Name":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.__type).toBe('SerializationException');
    const unknown = await call('PutPermission', {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.__type).toBe('UnknownOperationException');
  });

  it('rejects a PutEvents request over the configured size', async () => {
    const call = setUp({ maxEventSizeBytes: 100 });
    const detail = JSON.stringify({ pad: 'x'.repeat(100) });
    const response = await call('PutEvents', {
      Entries: [{ Source: 's', DetailType: 'd', Detail: detail }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      __type: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });
});
