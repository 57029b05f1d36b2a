/** The in-process SqsBackend contract that EventBridge and Lambda's event source mappings use. */
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();
const backend = () => fixture.cloud.context.sqs!;

async function createQueue(
  name: string,
  attributes?: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  const sqs = new SQSClient(fixture.clientConfig);
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  return { url: QueueUrl!, arn: `arn:aws:sqs:us-east-1:000000000000:${name}` };
}

describe('SqsBackend', () => {
  it('sends by ARN so SDK consumers receive the message with its attributes', async () => {
    const queue = await createQueue('backend-send');

    const { messageId } = await backend().sendMessageByArn(queue.arn, '{"detail":1}', {
      source: { DataType: 'String', StringValue: 'events' },
    });
    const sdk = new SQSClient(fixture.clientConfig);
    const { Messages } = await sdk.send(
      new ReceiveMessageCommand({ QueueUrl: queue.url, MessageAttributeNames: ['All'] }),
    );

    expect(Messages?.[0].MessageId).toBe(messageId);
    expect(Messages?.[0].Body).toBe('{"detail":1}');
    expect(Messages?.[0].MessageAttributes?.source.StringValue).toBe('events');
  });

  it('receives with all attributes, changes visibility and deletes by ARN', async () => {
    const queue = await createQueue('backend-receive', { VisibilityTimeout: '7' });
    await backend().sendMessageByArn(queue.arn, 'one');

    const [first] = await backend().receiveMessagesByArn(queue.arn, {
      maxMessages: 10,
      waitTimeSeconds: 0,
    });
    await backend().changeMessageVisibilityByArn(queue.arn, first.receiptHandle, 0);
    const [second] = await backend().receiveMessagesByArn(queue.arn, {
      maxMessages: 10,
      waitTimeSeconds: 0,
    });
    await backend().deleteMessageByArn(queue.arn, second.receiptHandle);
    const after = await backend().receiveMessagesByArn(queue.arn, {
      maxMessages: 10,
      waitTimeSeconds: 0,
      visibilityTimeoutSeconds: 0,
    });

    expect(first.body).toBe('one');
    expect(first.md5OfBody).toBe('f97c5d29941bfb1b2fdab0874906ab82');
    expect(first.attributes.ApproximateReceiveCount).toBe('1');
    expect(first.attributes.SentTimestamp).toMatch(/^\d{13}$/);
    expect(second.attributes.ApproximateReceiveCount).toBe('2');
    expect(second.receiptHandle).not.toBe(first.receiptHandle);
    expect(after).toEqual([]);
    expect(backend().queueVisibilityTimeoutSeconds(queue.arn)).toBe(7);
    expect(backend().queueExists(queue.arn)).toBe(true);
  });

  it('long-polls in process until a message arrives', async () => {
    const queue = await createQueue('backend-poll');

    const polling = backend().receiveMessagesByArn(queue.arn, {
      maxMessages: 5,
      waitTimeSeconds: 10,
    });
    setTimeout(() => void backend().sendMessageByArn(queue.arn, 'late'), 100);
    const messages = await polling;

    expect(messages.map((m) => m.body)).toEqual(['late']);
  });

  it('answers QueueDoesNotExist for an unknown ARN', async () => {
    const unknown = 'arn:aws:sqs:us-east-1:000000000000:nothing-here';

    await expect(backend().sendMessageByArn(unknown, 'x')).rejects.toMatchObject({
      code: 'QueueDoesNotExist',
    });
    expect(backend().queueExists(unknown)).toBe(false);
  });
});
