/** The SQS service through the real @aws-sdk/client-sqs against a running local cloud. */

import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  type QueueAttributeName,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();
let sqs: SQSClient;
let queueCounter = 0;

beforeAll(() => {
  sqs = new SQSClient(fixture.clientConfig);
});

async function newQueue(attributes?: Record<string, string>): Promise<string> {
  queueCounter += 1;
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `q-${queueCounter}-${Date.now()}`,
      Attributes: attributes,
    }),
  );
  return QueueUrl!;
}

async function attribute(queueUrl: string, name: QueueAttributeName): Promise<string | undefined> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [name] }),
  );
  return Attributes?.[name];
}

/** The rejection of a call, for asserting AWS's error name and message. */
async function rejection(promise: Promise<unknown>): Promise<Error & { Code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { Code?: string };
  }
  throw new Error('expected the call to fail');
}

describe('queues', () => {
  it('creates idempotently, refuses different attributes, and finds the queue by name', async () => {
    // Arrange
    const name = `orders-${Date.now()}`;
    const first = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }),
    );

    // Act
    const again = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '45' } }),
    );
    const conflict = await rejection(
      sqs.send(
        new CreateQueueCommand({ QueueName: name, Attributes: { VisibilityTimeout: '46' } }),
      ),
    );
    const byName = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));

    // Assert
    expect(first.QueueUrl).toBe(`${fixture.endpoint}/000000000000/${name}`);
    expect(again.QueueUrl).toBe(first.QueueUrl);
    expect(conflict.name).toBe('QueueNameExists');
    expect(conflict.message).toContain('VisibilityTimeout');
    expect(byName.QueueUrl).toBe(first.QueueUrl);
  });

  it('answers QueueDoesNotExist for an unknown queue, by name and by URL', async () => {
    const byName = await rejection(
      sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })),
    );
    const byUrl = await rejection(
      sqs.send(
        new SendMessageCommand({
          QueueUrl: `${fixture.endpoint}/000000000000/nope`,
          MessageBody: 'x',
        }),
      ),
    );
    expect(byName.name).toBe('QueueDoesNotExist');
    expect(byName.message).toBe('The specified queue does not exist.');
    expect(byUrl.name).toBe('QueueDoesNotExist');
  });

  it('refuses FIFO queues with UnsupportedOperation', async () => {
    const err = await rejection(
      sqs.send(new CreateQueueCommand({ QueueName: 'x.fifo', Attributes: { FifoQueue: 'true' } })),
    );
    expect(err.name).toBe('UnsupportedOperation');
    expect(err.message).toContain('FIFO');
  });

  it('lists by prefix and pages with MaxResults/NextToken', async () => {
    const prefix = `page-${Date.now()}-`;
    for (const suffix of ['a', 'b', 'c'])
      await sqs.send(new CreateQueueCommand({ QueueName: prefix + suffix }));

    const first = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2 }));
    const second = await sqs.send(
      new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 2, NextToken: first.NextToken }),
    );

    expect(first.QueueUrls?.map((u) => u.split('/').pop())).toEqual([`${prefix}a`, `${prefix}b`]);
    expect(second.QueueUrls?.map((u) => u.split('/').pop())).toEqual([`${prefix}c`]);
    expect(second.NextToken).toBeUndefined();
  });

  it('reports attributes, All and single, and validates SetQueueAttributes ranges', async () => {
    const queueUrl = await newQueue({ DelaySeconds: '0', ReceiveMessageWaitTimeSeconds: '0' });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'one' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'two' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1 }));

    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );
    await sqs.send(
      new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '5' } }),
    );
    const outOfRange = await rejection(
      sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: queueUrl,
          Attributes: { VisibilityTimeout: '43201' },
        }),
      ),
    );
    const unknown = await rejection(
      sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: queueUrl,
          Attributes: { Colour: 'blue' } as never,
        }),
      ),
    );

    expect(Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      QueueArn: `arn:aws:sqs:us-east-1:000000000000:${queueUrl.split('/').pop()}`,
      VisibilityTimeout: '30',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
    });
    expect(Number(Attributes?.CreatedTimestamp)).toBeCloseTo(Date.now() / 1000, -2);
    expect(await attribute(queueUrl, 'VisibilityTimeout')).toBe('5');
    expect(outOfRange.name).toBe('InvalidParameterValue');
    expect(outOfRange.message).toContain('0 to 43200');
    expect(unknown.name).toBe('InvalidAttributeName');
  });

  it('purges and deletes queues', async () => {
    const queueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));

    await sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
    const afterPurge = await attribute(queueUrl, 'ApproximateNumberOfMessages');
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    const afterDelete = await rejection(
      sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl })),
    );

    expect(afterPurge).toBe('0');
    expect(afterDelete.name).toBe('QueueDoesNotExist');
  });
});

describe('messages', () => {
  it('sends and receives with AWS digests, system attributes and selected message attributes', async () => {
    const queueUrl = await newQueue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'hello',
        MessageAttributes: {
          attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
          'trace.id': { DataType: 'Number', StringValue: '42' },
        },
      }),
    );
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['trace.*'],
      }),
    );

    expect(sent.MD5OfMessageBody).toBe('5d41402abc4b2a76b9719d911017c592');
    const message = Messages?.[0];
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe('hello');
    expect(message?.MessageAttributes).toEqual({
      'trace.id': { DataType: 'Number', StringValue: '42' },
    });
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(message?.Attributes?.ApproximateFirstReceiveTimestamp).toBeDefined();
    expect(message?.Attributes?.SenderId).toBe('test');
  });

  it('gives the documented MD5OfMessageAttributes', async () => {
    const queueUrl = await newQueue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } },
      }),
    );
    expect(sent.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
  });

  it('rejects MaxNumberOfMessages outside 1-10 and WaitTimeSeconds over 20', async () => {
    const queueUrl = await newQueue();
    const tooMany = await rejection(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 })),
    );
    const zero = await rejection(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 0 })),
    );
    const wait = await rejection(
      sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 21 })),
    );
    expect(tooMany.name).toBe('InvalidParameterValue');
    expect(tooMany.message).toContain('Must be between 1 and 10');
    expect(zero.name).toBe('InvalidParameterValue');
    expect(wait.message).toContain('WaitTimeSeconds');
  });

  it('rejects a message over the size limit, which follows MaximumMessageSize', async () => {
    const queueUrl = await newQueue();
    const atLimit = 'a'.repeat(1_048_576);
    const ok = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: atLimit }));
    const oversize = await rejection(
      sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: `${atLimit}b` })),
    );
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queueUrl,
        Attributes: { MaximumMessageSize: '1024' },
      }),
    );
    const overSmallLimit = await rejection(
      sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'c'.repeat(1025) })),
    );

    expect(ok.MessageId).toBeDefined();
    expect(oversize.name).toBe('InvalidParameterValue');
    expect(oversize.message).toContain('Message must be shorter than 1048576 bytes');
    expect(overSmallLimit.message).toContain('shorter than 1024 bytes');
  });

  it('issues a new receipt handle per receive and refuses malformed or foreign handles', async () => {
    const queueUrl = await newQueue();
    const otherUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    const first = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }),
    );
    const second = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }),
    );
    const handle = second.Messages![0].ReceiptHandle!;

    const malformed = await rejection(
      sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'not-a-handle' })),
    );
    const foreign = await rejection(
      sqs.send(new DeleteMessageCommand({ QueueUrl: otherUrl, ReceiptHandle: handle })),
    );
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: handle }));

    expect(first.Messages![0].ReceiptHandle).not.toBe(handle);
    expect(malformed.name).toBe('ReceiptHandleIsInvalid');
    expect(malformed.message).toBe(
      'The input receipt handle "not-a-handle" is not a valid receipt handle.',
    );
    expect(foreign.name).toBe('ReceiptHandleIsInvalid');
    expect(await attribute(queueUrl, 'ApproximateNumberOfMessages')).toBe('0');
  });

  it('redelivers after the visibility timeout with a higher ApproximateReceiveCount', {
    timeout: 30_000,
  }, async () => {
    const queueUrl = await newQueue({ VisibilityTimeout: '1' });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'again' }));
    const first = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );
    const hidden = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    // The long poll is woken by the visibility timer, about 1 s after the first receive.
    const started = Date.now();
    const second = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        WaitTimeSeconds: 15,
        MessageSystemAttributeNames: ['All'],
      }),
    );

    expect(first.Messages![0].Attributes?.ApproximateReceiveCount).toBe('1');
    expect(hidden.Messages).toBeUndefined();
    expect(second.Messages![0].MessageId).toBe(first.Messages![0].MessageId);
    expect(second.Messages![0].Attributes?.ApproximateReceiveCount).toBe('2');
    // Woken by the timer well before the 15 s wait ends.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ChangeMessageVisibility to 0 makes a message receivable at once; unknown ones are refused', async () => {
    const queueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const handle = first.Messages![0].ReceiptHandle!;

    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: handle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const stale = await rejection(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: handle,
          VisibilityTimeout: 10,
        }),
      ),
    );
    const tooLong = await rejection(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: again.Messages![0].ReceiptHandle!,
          VisibilityTimeout: 43_201,
        }),
      ),
    );

    expect(again.Messages![0].Body).toBe('x');
    expect(stale.message).toContain('expired');
    expect(tooLong.name).toBe('InvalidParameterValue');
  });

  it('returns a long poll as soon as a message is sent', { timeout: 30_000 }, async () => {
    const queueUrl = await newQueue();
    const started = Date.now();

    const polling = sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'wake up' }));
    const { Messages } = await polling;

    expect(Messages?.[0].Body).toBe('wake up');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ends long polls when their queue is deleted', { timeout: 30_000 }, async () => {
    const queueUrl = await newQueue();
    const started = Date.now();

    const polling = sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    const { Messages } = await polling;

    expect(Messages).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('moves a message to the DLQ on the receive that exceeds maxReceiveCount, keeping id and body', async () => {
    const dlqUrl = await newQueue();
    const dlqArn = await attribute(dlqUrl, 'QueueArn');
    const queueUrl = await newQueue({
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
    });
    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'poison' }),
    );

    const receives = [];
    for (let i = 0; i < 3; i++) {
      receives.push(
        await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 })),
      );
    }
    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, AttributeNames: ['All'] }),
    );

    expect(receives.map((r) => r.Messages?.length ?? 0)).toEqual([1, 1, 0]);
    expect(dead.Messages?.[0].MessageId).toBe(sent.MessageId);
    expect(dead.Messages?.[0].Body).toBe('poison');
    expect(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn).toBe(
      await attribute(queueUrl, 'QueueArn'),
    );
    expect(dead.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('1');
    expect(JSON.parse((await attribute(queueUrl, 'RedrivePolicy'))!)).toEqual({
      deadLetterTargetArn: dlqArn,
      maxReceiveCount: 2,
    });
  });

  it('refuses a redrive policy whose dead-letter queue does not exist', async () => {
    const err = await rejection(
      newQueue({
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:missing',
          maxReceiveCount: 2,
        }),
      }),
    );
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain('Dead letter target does not exist');
  });
});

describe('batches', () => {
  it('sends a batch, failing only the oversize entry', async () => {
    const queueUrl = await newQueue({ MaximumMessageSize: '1024' });

    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'ok', MessageBody: 'small' },
          { Id: 'big', MessageBody: 'x'.repeat(1000 + 100) },
        ],
      }),
    );

    expect(result.Successful?.map((e) => e.Id)).toEqual(['ok']);
    expect(result.Successful?.[0].MD5OfMessageBody).toBe(
      createHash('md5').update('small').digest('hex'),
    );
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'big', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    expect(await attribute(queueUrl, 'ApproximateNumberOfMessages')).toBe('1');
  });

  it('rejects whole batches that are empty, too long, or have repeated or bad ids', async () => {
    const queueUrl = await newQueue();
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));

    const empty = await rejection(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] })),
    );
    const eleven = await rejection(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries(11) })),
    );
    const repeated = await rejection(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [
            { Id: 'same', MessageBody: 'a' },
            { Id: 'same', MessageBody: 'b' },
          ],
        }),
      ),
    );
    const badId = await rejection(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: [{ Id: 'no spaces', MessageBody: 'a' }],
        }),
      ),
    );

    expect(empty.name).toBe('EmptyBatchRequest');
    expect(eleven.name).toBe('TooManyEntriesInBatchRequest');
    expect(eleven.message).toBe('Maximum number of entries per request are 10. You have sent 11.');
    expect(repeated.name).toBe('BatchEntryIdsNotDistinct');
    expect(badId.name).toBe('InvalidBatchEntryId');
    expect(await attribute(queueUrl, 'ApproximateNumberOfMessages')).toBe('0');
  });

  it('deletes a batch, reporting an invalid handle as a failed entry', async () => {
    const queueUrl = await newQueue();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
        ],
      }),
    );
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }),
    );

    const result = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          ...Messages!.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle! })),
          { Id: 'bad', ReceiptHandle: 'garbage' },
        ],
      }),
    );

    expect(Messages).toHaveLength(2);
    expect(result.Successful?.map((e) => e.Id).sort()).toEqual(['m0', 'm1']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid' }),
    ]);
    expect(await attribute(queueUrl, 'ApproximateNumberOfMessagesNotVisible')).toBe('0');
  });

  it('changes visibility in a batch, failing only the unknown handle', async () => {
    const queueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    const result = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'known', ReceiptHandle: Messages![0].ReceiptHandle!, VisibilityTimeout: 0 },
          { Id: 'unknown', ReceiptHandle: 'nope', VisibilityTimeout: 0 },
        ],
      }),
    );
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));

    expect(result.Successful?.map((e) => e.Id)).toEqual(['known']);
    expect(result.Failed?.map((e) => e.Code)).toEqual(['ReceiptHandleIsInvalid']);
    expect(again.Messages?.[0].MessageId).toBe(Messages![0].MessageId);
  });
});

describe('tags', () => {
  it('tags at creation, adds, removes and lists', async () => {
    const name = `tagged-${Date.now()}`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: name, tags: { team: 'orders' } }),
    );

    await sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'dev', tier: 'gold' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['tier'] }));
    const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl }));

    expect(Tags).toEqual({ team: 'orders', env: 'dev' });
  });
});
