/**
 * Delivery from PutEvents to targets, against in-memory SQS and Lambda doubles (the in-process
 * contracts of local/context.ts): envelope, input transformation, retries and dead-letter queues.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEventsService } from '../../../local/events/index.ts';
import type { ServiceHandler } from '../../../local/types.ts';
import { eventsRequest, testContext, waitFor } from './helpers/in-memory-backends.ts';

let service: ServiceHandler | undefined;

afterEach(async () => {
  await service?.close?.();
  service = undefined;
});

function setUp(options = { retryBaseDelayMs: 5, retryMaxDelayMs: 20 }) {
  const ctx = testContext();
  service = createEventsService(ctx, options);
  const events = service;
  const call = async (operation: string, input: unknown) => {
    const response = await events.handle(eventsRequest(operation, input));
    return { status: response.status, body: JSON.parse(String(response.body)) };
  };
  return { ctx, call };
}

const orderPlaced = {
  Source: 'novamart.orders',
  DetailType: 'order.placed',
  Detail: JSON.stringify({ orderId: 'o-1', total: 42, items: [{ sku: 'A', qty: 2 }] }),
  Resources: ['arn:aws:x:us-east-1:000000000000:order/o-1'],
};

async function ruleWithTarget(
  call: Awaited<ReturnType<typeof setUp>>['call'],
  target: Record<string, unknown>,
  pattern: unknown = { source: ['novamart.orders'] },
) {
  await call('PutRule', { Name: 'orders', EventPattern: JSON.stringify(pattern) });
  const put = await call('PutTargets', { Rule: 'orders', Targets: [{ Id: 't1', ...target }] });
  expect(put.body).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
}

describe('EventBridge delivery', () => {
  it('delivers the AWS envelope to an SQS target within milliseconds', async () => {
    // Arrange
    const { ctx, call } = setUp();
    const queue = ctx.sqs.createQueue('inventory');
    await ruleWithTarget(call, { Arn: queue });

    // Act
    const startedMs = Date.now();
    const put = await call('PutEvents', { Entries: [{ ...orderPlaced, Time: 1_514_000_000.789 }] });

    // Assert
    expect(put.body.FailedEntryCount).toBe(0);
    const [message] = await waitFor(() =>
      ctx.sqs.messages(queue).length ? ctx.sqs.messages(queue) : undefined,
    );
    // Generous for a loaded CI box; locally it is about 1 ms.
    expect(message.atMs - startedMs).toBeLessThan(100);
    expect(JSON.parse(message.body)).toEqual({
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
    expect(message.messageAttributes).toBeUndefined();
  });

  it('invokes a Lambda target asynchronously with the event', async () => {
    const { ctx, call } = setUp();
    const fn = ctx.lambda.createFunction('reserve');
    await ruleWithTarget(call, { Arn: fn });

    await call('PutEvents', { Entries: [orderPlaced] });

    const [payload] = await waitFor(() =>
      ctx.lambda.functions.get(fn)?.length ? ctx.lambda.functions.get(fn) : undefined,
    );
    expect(JSON.parse(payload)).toMatchObject({
      source: 'novamart.orders',
      detail: { orderId: 'o-1' },
    });
  });

  it('skips disabled rules, non-matching rules and other buses', async () => {
    const { ctx, call } = setUp();
    const queue = ctx.sqs.createQueue('q');
    await call('CreateEventBus', { Name: 'other' });
    await ruleWithTarget(
      call,
      { Arn: queue },
      { source: ['novamart.orders'], detail: { total: [{ numeric: ['>', 100] }] } },
    );
    await call('PutRule', {
      Name: 'disabled',
      EventPattern: '{"source":["novamart.orders"]}',
      State: 'DISABLED',
    });
    await call('PutTargets', { Rule: 'disabled', Targets: [{ Id: 'd', Arn: queue }] });
    await call('PutRule', {
      Name: 'elsewhere',
      EventBusName: 'other',
      EventPattern: '{"source":["novamart.orders"]}',
    });
    await call('PutTargets', {
      Rule: 'elsewhere',
      EventBusName: 'other',
      Targets: [{ Id: 'e', Arn: queue, Input: '"other-bus"' }],
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    await call('PutEvents', { Entries: [{ ...orderPlaced, EventBusName: 'other' }] });

    const [message] = await waitFor(() =>
      ctx.sqs.messages(queue).length ? ctx.sqs.messages(queue) : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ctx.sqs.messages(queue)).toHaveLength(1);
    expect(message.body).toBe('"other-bus"');
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
        rule: 'arn:aws:events:us-east-1:000000000000:rule/orders',
      },
    ],
  ])('applies %s', async (_name, inputMembers, expected) => {
    const { ctx, call } = setUp();
    const queue = ctx.sqs.createQueue('q');
    await ruleWithTarget(call, { Arn: queue, ...inputMembers });

    await call('PutEvents', { Entries: [orderPlaced] });

    const [message] = await waitFor(() =>
      ctx.sqs.messages(queue).length ? ctx.sqs.messages(queue) : undefined,
    );
    expect(JSON.parse(message.body)).toEqual(expected);
  });

  it('retries a missing queue per RetryPolicy, then sends the event to the dead-letter queue', async () => {
    // Arrange: the target queue does not exist yet; the DLQ does.
    const { ctx, call } = setUp();
    const dlq = ctx.sqs.createQueue('dlq');
    const missing = 'arn:aws:sqs:us-east-1:000000000000:not-yet';
    await ruleWithTarget(call, {
      Arn: missing,
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: dlq },
    });

    // Act
    await call('PutEvents', { Entries: [orderPlaced] });

    // Assert
    const [dead] = await waitFor(() =>
      ctx.sqs.messages(dlq).length ? ctx.sqs.messages(dlq) : undefined,
    );
    expect(JSON.parse(dead.body)).toMatchObject({
      source: 'novamart.orders',
      detail: { orderId: 'o-1' },
    });
    const attributes = Object.fromEntries(
      Object.entries(dead.messageAttributes ?? {}).map(([k, v]) => [k, v.StringValue]),
    );
    expect(attributes).toMatchObject({
      RULE_ARN: 'arn:aws:events:us-east-1:000000000000:rule/orders',
      TARGET_ARN: missing,
      ERROR_CODE: 'RESOURCE_NOT_FOUND',
      EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
      RETRY_ATTEMPTS: '2',
    });
    expect(attributes.ERROR_MESSAGE).toContain('does not exist');
  });

  it('delivers on a retry once the missing queue appears', async () => {
    const { ctx, call } = setUp({ retryBaseDelayMs: 30, retryMaxDelayMs: 30 });
    const late = 'arn:aws:sqs:us-east-1:000000000000:late';
    await ruleWithTarget(call, { Arn: late, RetryPolicy: { MaximumRetryAttempts: 5 } });

    await call('PutEvents', { Entries: [orderPlaced] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    ctx.sqs.createQueue('late');

    const [message] = await waitFor(() =>
      ctx.sqs.messages(late).length ? ctx.sqs.messages(late) : undefined,
    );
    expect(JSON.parse(message.body).detail.orderId).toBe('o-1');
  });

  it('gives up when the event is older than MaximumEventAgeInSeconds', async () => {
    const { ctx, call } = setUp();
    let nowMs = Date.now();
    ctx.now = () => nowMs;
    const dlq = ctx.sqs.createQueue('dlq');
    await ruleWithTarget(call, {
      Arn: 'arn:aws:lambda:us-east-1:000000000000:function:gone',
      RetryPolicy: { MaximumEventAgeInSeconds: 60 },
      DeadLetterConfig: { Arn: dlq },
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    nowMs += 61_000;

    const [dead] = await waitFor(() =>
      ctx.sqs.messages(dlq).length ? ctx.sqs.messages(dlq) : undefined,
    );
    expect(dead.messageAttributes?.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe(
      'MaximumEventAgeInSeconds',
    );
    expect(dead.messageAttributes?.ERROR_CODE?.StringValue).toBe('RESOURCE_NOT_FOUND');
  });

  it('stops retrying on close()', async () => {
    const { ctx, call } = setUp({ retryBaseDelayMs: 30, retryMaxDelayMs: 30 });
    const dlq = ctx.sqs.createQueue('dlq');
    await ruleWithTarget(call, {
      Arn: 'arn:aws:sqs:us-east-1:000000000000:never',
      RetryPolicy: { MaximumRetryAttempts: 1 },
      DeadLetterConfig: { Arn: dlq },
    });

    await call('PutEvents', { Entries: [orderPlaced] });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await service?.close?.();
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(ctx.sqs.messages(dlq)).toHaveLength(0);
  });
});

describe('EventBridge service in process', () => {
  it('answers malformed JSON with SerializationException and unknown operations with UnknownOperationException', async () => {
    const { call } = setUp();
    const malformed = await call('PutRule', '{"Name":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.__type).toBe('SerializationException');
    const unknown = await call('PutPermission', {});
    expect(unknown.status).toBe(400);
    expect(unknown.body.__type).toBe('UnknownOperationException');
  });

  it('rejects a PutEvents request over the configured size', async () => {
    const ctx = testContext();
    service = createEventsService(ctx, { maxEventSizeBytes: 100 });
    const detail = JSON.stringify({ pad: 'x'.repeat(100) });
    const response = await service.handle(
      eventsRequest('PutEvents', { Entries: [{ Source: 's', DetailType: 'd', Detail: detail }] }),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(String(response.body))).toEqual({
      __type: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });
});
