import { join } from 'node:path';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { queueCounts } from '../../helpers/queues.ts';
import {
  type FunctionFolder,
  readRecords,
  SQS_CONSUMER_HANDLER,
  writeFunctionFolder,
} from './function-fixtures.ts';

const fixture = useLocalCloud({ lambda: { sqsPollWaitSeconds: 1 } });
let consumer: FunctionFolder;

beforeAll(() => {
  consumer = writeFunctionFolder({ 'index.js': SQS_CONSUMER_HANDLER });
});
afterAll(() => consumer.remove());

describe('SQS -> Lambda through the real SQS service and the SDK', () => {
  it('deletes the successes of a partial batch failure and lets the failure redrive to the DLQ', async () => {
    const sqs = new SQSClient(fixture.clientConfig);
    const lambda = new LambdaClient(fixture.clientConfig);
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'e2e-dlq' }));
    const dlqArn = await queueArn(sqs, dlq.QueueUrl!);
    const queue = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'e2e-orders',
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
        },
      }),
    );
    const recordFile = join(consumer.dir, 'e2e.jsonl');
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'e2e-consumer',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::000000000000:role/test',
        Handler: 'index.handler',
        Code: { ZipFile: consumer.zip() },
        Environment: { Variables: { RECORD_FILE: recordFile } },
      }),
    );
    await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'e2e-consumer',
        EventSourceArn: await queueArn(sqs, queue.QueueUrl!),
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );

    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: '{"orderId":"a"}' },
          { Id: 'b', MessageBody: '{"orderId":"b","fail":true}' },
          {
            Id: 'c',
            MessageBody: '{"orderId":"c"}',
            MessageAttributes: { kind: { DataType: 'String', StringValue: 'test' } },
          },
        ],
      }),
    );

    const moved = await waitForMessage(sqs, dlq.QueueUrl!);
    expect(moved).toBe('{"orderId":"b","fail":true}');
    const records = readRecords(recordFile) as Array<{
      record: { body: string; eventSource: string; messageAttributes: object };
    }>;
    const bodies = records.map((r) => r.record.body);
    expect(bodies.filter((b) => b.includes('"a"'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('"c"'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('"b"'))).toHaveLength(2);
    expect(records[0]!.record.eventSource).toBe('aws:sqs');
    const withAttribute = records.find((r) => r.record.body.includes('"c"'))!;
    expect(withAttribute.record.messageAttributes).toMatchObject({
      kind: { stringValue: 'test', dataType: 'String' },
    });
    expect(await queueCounts(sqs, queue.QueueUrl!)).toEqual({ visible: 0, inFlight: 0 });
  });
});

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  return out.Attributes!.QueueArn!;
}

async function waitForMessage(sqs: SQSClient, queueUrl: string): Promise<string | undefined> {
  let body: string | undefined;
  const deadline = Date.now() + 10_000;
  while (body === undefined && Date.now() < deadline) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }),
    );
    body = out.Messages?.[0]?.Body;
  }
  return body;
}
