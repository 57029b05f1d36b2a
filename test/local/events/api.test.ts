/** The EventBridge API through the real SDK against the real local cloud: happy paths and AWS's errors. */
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();
let events: EventBridgeClient;

beforeAll(() => {
  // One attempt: the SDK treats LimitExceededException as throttling and would retry it.
  events = new EventBridgeClient({ ...fixture.clientConfig, maxAttempts: 1 });
});

const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (err) {
    const failure = err as Error & { $metadata?: { httpStatusCode?: number } };
    return {
      name: failure.name,
      message: failure.message,
      status: failure.$metadata?.httpStatusCode,
    };
  }
  throw new Error('expected the call to fail');
}

describe('event buses', () => {
  it('always has the default bus', async () => {
    const described = await events.send(new DescribeEventBusCommand({}));
    expect(described).toMatchObject({
      Name: 'default',
      Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
    });
    const listed = await events.send(new ListEventBusesCommand({}));
    expect(listed.EventBuses?.map((bus) => bus.Name)).toContain('default');
  });

  it('creates, describes, lists and deletes a custom bus', async () => {
    const created = await events.send(
      new CreateEventBusCommand({ Name: 'novamart', Description: 'shop events' }),
    );
    expect(created.EventBusArn).toBe('arn:aws:events:us-east-1:000000000000:event-bus/novamart');

    const described = await events.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    expect(described).toMatchObject({ Name: 'novamart', Description: 'shop events' });
    expect(described.CreationTime).toBeInstanceOf(Date);
    const listed = await events.send(new ListEventBusesCommand({ NamePrefix: 'nova' }));
    expect(listed.EventBuses?.map((bus) => bus.Name)).toEqual(['novamart']);

    await events.send(new DeleteEventBusCommand({ Name: 'novamart' }));
    const missing = await errorOf(events.send(new DescribeEventBusCommand({ Name: 'novamart' })));
    expect(missing).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus novamart does not exist.',
      status: 400,
    });
  });

  it('refuses a duplicate bus and deleting the default bus', async () => {
    await events.send(new CreateEventBusCommand({ Name: 'twice' }));
    expect(await errorOf(events.send(new CreateEventBusCommand({ Name: 'twice' })))).toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    expect(
      await errorOf(events.send(new DeleteEventBusCommand({ Name: 'default' }))),
    ).toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('rules and targets', () => {
  const pattern = JSON.stringify({ source: ['novamart.orders'], 'detail-type': ['order.placed'] });

  it('puts, describes, lists, disables, enables and deletes a rule', async () => {
    const put = await events.send(
      new PutRuleCommand({
        Name: 'order-placed',
        EventPattern: pattern,
        Description: 'to inventory',
      }),
    );
    expect(put.RuleArn).toBe('arn:aws:events:us-east-1:000000000000:rule/order-placed');
    await events.send(new PutRuleCommand({ Name: 'order-other', EventPattern: pattern }));
    await events.send(new PutRuleCommand({ Name: 'nightly', ScheduleExpression: 'rate(1 day)' }));

    const described = await events.send(new DescribeRuleCommand({ Name: 'order-placed' }));
    expect(described).toMatchObject({
      Name: 'order-placed',
      EventPattern: pattern,
      State: 'ENABLED',
      EventBusName: 'default',
    });
    const listed = await events.send(new ListRulesCommand({ NamePrefix: 'order-' }));
    expect(listed.Rules?.map((rule) => rule.Name)).toEqual(['order-other', 'order-placed']);
    const paged = await events.send(new ListRulesCommand({ NamePrefix: 'order-', Limit: 1 }));
    expect(paged.Rules).toHaveLength(1);
    const rest = await events.send(
      new ListRulesCommand({ NamePrefix: 'order-', NextToken: paged.NextToken }),
    );
    expect(rest.Rules?.map((rule) => rule.Name)).toEqual(['order-placed']);

    await events.send(new DisableRuleCommand({ Name: 'order-placed' }));
    expect((await events.send(new DescribeRuleCommand({ Name: 'order-placed' }))).State).toBe(
      'DISABLED',
    );
    await events.send(new EnableRuleCommand({ Name: 'order-placed' }));
    expect((await events.send(new DescribeRuleCommand({ Name: 'order-placed' }))).State).toBe(
      'ENABLED',
    );

    await events.send(new DeleteRuleCommand({ Name: 'order-placed' }));
    expect(
      await errorOf(events.send(new DescribeRuleCommand({ Name: 'order-placed' }))),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Rule order-placed does not exist on EventBus default.',
    });
  });

  it('rejects invalid patterns, missing pattern and schedule, and unknown buses', async () => {
    const invalid = await errorOf(
      events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"source":"x"}' })),
    );
    expect(invalid.name).toBe('InvalidEventPatternException');
    expect(invalid.message).toMatch(
      /^Event pattern is not valid\. Reason: "source" must be an object or an array/,
    );
    expect(await errorOf(events.send(new PutRuleCommand({ Name: 'empty' })))).toMatchObject({
      name: 'ValidationException',
    });
    expect(
      await errorOf(
        events.send(new PutRuleCommand({ Name: 'r', EventPattern: pattern, EventBusName: 'nope' })),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('puts, lists and removes targets; a rule with targets cannot be deleted', async () => {
    await events.send(new PutRuleCommand({ Name: 'with-targets', EventPattern: pattern }));
    const put = await events.send(
      new PutTargetsCommand({
        Rule: 'with-targets',
        Targets: [
          {
            Id: 'queue',
            Arn: queueArn('inventory'),
            RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 60 },
          },
          {
            Id: 'fn',
            Arn: 'arn:aws:lambda:us-east-1:000000000000:function:reserve',
            InputPath: '$.detail',
          },
        ],
      }),
    );
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });

    const listed = await events.send(new ListTargetsByRuleCommand({ Rule: 'with-targets' }));
    expect(listed.Targets?.map((target) => target.Id)).toEqual(['queue', 'fn']);
    expect(listed.Targets?.[0].RetryPolicy).toEqual({
      MaximumRetryAttempts: 3,
      MaximumEventAgeInSeconds: 60,
    });

    expect(
      await errorOf(events.send(new DeleteRuleCommand({ Name: 'with-targets' }))),
    ).toMatchObject({
      name: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await events.send(new RemoveTargetsCommand({ Rule: 'with-targets', Ids: ['queue', 'fn'] }));
    await events.send(new DeleteRuleCommand({ Name: 'with-targets' }));
  });

  it('reports bad targets per entry and enforces five targets per rule', async () => {
    await events.send(new PutRuleCommand({ Name: 'limits', EventPattern: pattern }));
    const put = await events.send(
      new PutTargetsCommand({
        Rule: 'limits',
        Targets: [
          { Id: 'ok', Arn: queueArn('a') },
          { Id: 'both', Arn: queueArn('b'), Input: '{}', InputPath: '$.detail' },
          { Id: 'retry', Arn: queueArn('c'), RetryPolicy: { MaximumRetryAttempts: 186 } },
          { Id: 'json', Arn: queueArn('d'), Input: 'not json' },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(3);
    expect(put.FailedEntries?.map((entry) => [entry.TargetId, entry.ErrorCode])).toEqual([
      ['both', 'ValidationException'],
      ['retry', 'ValidationException'],
      ['json', 'ValidationException'],
    ]);
    expect(put.FailedEntries?.[0].ErrorMessage).toMatch(
      /Only one of Input, InputPath, or InputTransformer/,
    );

    const five = ['t1', 't2', 't3', 't4', 't5'].map((Id) => ({ Id, Arn: queueArn(Id) }));
    expect(
      await errorOf(events.send(new PutTargetsCommand({ Rule: 'limits', Targets: five }))),
    ).toMatchObject({
      name: 'LimitExceededException',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ Id: `x${i}`, Arn: queueArn('x') }));
    expect(
      await errorOf(events.send(new PutTargetsCommand({ Rule: 'limits', Targets: eleven }))),
    ).toMatchObject({
      name: 'ValidationException',
    });
    expect(
      await errorOf(
        events.send(new PutTargetsCommand({ Rule: 'no-such-rule', Targets: [five[0]] })),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('PutEvents', () => {
  it('accepts entries and reports bad ones per entry with HTTP 200', async () => {
    const answer = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'novamart.orders',
            DetailType: 'order.placed',
            Detail: '{"orderId":"o-1"}',
            Time: new Date(),
          },
          { Source: 'novamart.orders', DetailType: 'order.placed' },
          { Source: 'novamart.orders', DetailType: 'order.placed', Detail: '[1,2]' },
          { DetailType: 'order.placed', Detail: '{}' },
        ],
      }),
    );
    expect(answer.$metadata.httpStatusCode).toBe(200);
    expect(answer.FailedEntryCount).toBe(3);
    expect(answer.Entries?.[0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.Entries?.slice(1)).toEqual([
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.',
      },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.',
      },
    ]);
  });

  it('rejects an empty request, more than 10 entries and oversized requests', async () => {
    const entry = { Source: 's', DetailType: 'd', Detail: '{}' };
    expect(await errorOf(events.send(new PutEventsCommand({ Entries: [] })))).toMatchObject({
      name: 'ValidationException',
    });
    expect(
      await errorOf(events.send(new PutEventsCommand({ Entries: Array(11).fill(entry) }))),
    ).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 10'),
    });
    const big = { ...entry, Detail: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }) };
    expect(await errorOf(events.send(new PutEventsCommand({ Entries: [big] })))).toMatchObject({
      name: 'ValidationException',
      message: 'Total size of the entries in the request is over the limit.',
    });
  });
});

describe('TestEventPattern', () => {
  const event = JSON.stringify({
    id: '1',
    account: '000000000000',
    source: 'novamart.orders',
    time: '2026-12-03T00:00:00Z',
    region: 'us-east-1',
    'detail-type': 'order.placed',
    resources: [],
    detail: { total: 42 },
  });

  it('says whether a pattern matches', async () => {
    const yes = await events.send(
      new TestEventPatternCommand({
        EventPattern: '{"detail":{"total":[{"numeric":[">",40]}]}}',
        Event: event,
      }),
    );
    expect(yes.Result).toBe(true);
    const no = await events.send(
      new TestEventPatternCommand({
        EventPattern: '{"detail":{"total":[{"numeric":["<",40]}]}}',
        Event: event,
      }),
    );
    expect(no.Result).toBe(false);
  });

  it('rejects an invalid pattern and an event without the envelope fields', async () => {
    expect(
      await errorOf(
        events.send(
          new TestEventPatternCommand({ EventPattern: '{"a":[{"wildcard":"**"}]}', Event: event }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidEventPatternException',
    });
    expect(
      await errorOf(
        events.send(
          new TestEventPatternCommand({
            EventPattern: '{"source":["x"]}',
            Event: '{"source":"x"}',
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ValidationException',
    });
  });
});
