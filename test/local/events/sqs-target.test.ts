/** End to end through the real local cloud: PutEvents reaches an SQS target, readable with ReceiveMessage. */
import {
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createQueue } from '../../helpers/queues.ts';

const fixture = useLocalCloud();
let events: EventBridgeClient;
let sqs: SQSClient;

beforeAll(() => {
  events = new EventBridgeClient(fixture.clientConfig);
  sqs = new SQSClient(fixture.clientConfig);
});

describe('EventBridge to SQS', () => {
  it('delivers a matching event to the queue quickly', async () => {
    // Arrange
    const queue = await createQueue(sqs, 'inventory-events');
    await events.send(
      new PutRuleCommand({
        Name: 'order-placed-to-inventory',
        EventPattern: JSON.stringify({
          source: ['novamart.orders'],
          'detail-type': ['order.placed'],
        }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'order-placed-to-inventory',
        Targets: [{ Id: 'queue', Arn: queue.arn }],
      }),
    );

    // Act
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'novamart.orders',
            DetailType: 'order.placed',
            Detail: JSON.stringify({ orderId: 'o-42' }),
          },
          {
            Source: 'novamart.other',
            DetailType: 'order.placed',
            Detail: JSON.stringify({ orderId: 'ignored' }),
          },
        ],
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        WaitTimeSeconds: 2,
        MaxNumberOfMessages: 10,
      }),
    );

    // Assert
    expect(put.FailedEntryCount).toBe(0);
    expect(received.Messages).toHaveLength(1);
    const event = JSON.parse(received.Messages![0].Body!);
    expect(event).toMatchObject({
      version: '0',
      id: put.Entries![0].EventId,
      source: 'novamart.orders',
      'detail-type': 'order.placed',
      account: '000000000000',
      region: 'us-east-1',
      resources: [],
      detail: { orderId: 'o-42' },
    });
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('sends an event whose target queue is missing to the dead-letter queue after its retries', async () => {
    const dlq = await createQueue(sqs, 'events-dlq');
    await events.send(
      new PutRuleCommand({ Name: 'to-missing', EventPattern: '{"source":["novamart.dlq"]}' }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'to-missing',
        Targets: [
          {
            Id: 'missing',
            Arn: 'arn:aws:sqs:us-east-1:000000000000:does-not-exist',
            RetryPolicy: { MaximumRetryAttempts: 0 },
            DeadLetterConfig: { Arn: dlq.arn },
          },
        ],
      }),
    );

    await events.send(
      new PutEventsCommand({
        Entries: [{ Source: 'novamart.dlq', DetailType: 't', Detail: '{"n":1}' }],
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq.url,
        WaitTimeSeconds: 2,
        MessageAttributeNames: ['All'],
      }),
    );

    expect(received.Messages).toHaveLength(1);
    const attributes = received.Messages![0].MessageAttributes!;
    expect(attributes.RULE_ARN.StringValue).toBe(
      'arn:aws:events:us-east-1:000000000000:rule/to-missing',
    );
    expect(attributes.ERROR_CODE.StringValue).toBe('RESOURCE_NOT_FOUND');
    expect(JSON.parse(received.Messages![0].Body!).detail).toEqual({ n: 1 });
  });
});
