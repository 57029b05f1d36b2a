/** Time-driven behaviour (delays, visibility, retention) with the cloud's injectable clock. */
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

let clockMs = Date.parse('2026-01-01T00:00:00Z');
const fixture = useLocalCloud({ now: () => clockMs });
const advanceSeconds = (seconds: number) => {
  clockMs += seconds * 1000;
};

async function newQueue(name: string, attributes?: Record<string, string>) {
  const sqs = new SQSClient(fixture.clientConfig);
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  return { sqs, queueUrl: QueueUrl! };
}

describe('time', () => {
  it('holds delayed messages back and counts them as delayed', async () => {
    const { sqs, queueUrl } = await newQueue('delayed');
    await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 60 }),
    );

    const early = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ApproximateNumberOfMessagesDelayed'],
      }),
    );
    advanceSeconds(60);
    const onTime = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    );

    expect(early.Messages).toBeUndefined();
    expect(Attributes?.ApproximateNumberOfMessagesDelayed).toBe('1');
    expect(onTime.Messages?.[0].Body).toBe('later');
    expect(Number(onTime.Messages?.[0].Attributes?.SentTimestamp)).toBe(clockMs - 60_000);
  });

  it('redelivers after the queue visibility timeout', async () => {
    const { sqs, queueUrl } = await newQueue('visibility');
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    advanceSeconds(29);
    const tooSoon = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    advanceSeconds(1);
    const redelivered = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );

    expect(tooSoon.Messages).toBeUndefined();
    expect(redelivered.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('drops messages older than the retention period', async () => {
    const { sqs, queueUrl } = await newQueue('retention', { MessageRetentionPeriod: '60' });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'old' }));

    advanceSeconds(61);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    expect(Messages).toBeUndefined();
  });
});
