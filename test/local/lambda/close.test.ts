import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../../local/server.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { TEST_CREDENTIALS } from '../../helpers/cloud.ts';
import { isAlive } from '../../helpers/process-alive.ts';
import { createQueue, queueCounts } from '../../helpers/queues.ts';
import { BEHAVIOUR_HANDLER, writeFunctionFolder } from './function-fixtures.ts';
import { waitFor } from './wait-for.ts';

describe('closing the Lambda service', () => {
  it('kills every function process, busy or warm, and stops pollers and queues', async () => {
    const cloud = await startLocalCloud({
      port: 0,
      logger: silentLogger,
      // A poller that outlived close would retry its receive every 50 ms and be caught at once.
      lambda: { sqsPollWaitSeconds: 1, sqsErrorBackoffMs: 50 },
    });
    const clientConfig = {
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    };
    const client = new LambdaClient(clientConfig);
    const sqs = new SQSClient(clientConfig);
    const { url: QueueUrl, arn: queueArn } = await createQueue(sqs, 'close-q');
    const depth = async () => {
      const { visible, inFlight } = await queueCounts(sqs, QueueUrl);
      return visible + inFlight;
    };
    const folder = writeFunctionFolder({ 'index.mjs': BEHAVIOUR_HANDLER });
    const lambda = cloud.services.lambda as unknown as { functionPids(name: string): number[] };
    try {
      await client.send(
        new CreateFunctionCommand({
          FunctionName: 'closing',
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::000000000000:role/test',
          Handler: 'index.handler',
          Code: { ZipFile: folder.zip() },
          Timeout: 30,
        }),
      );
      await client.send(
        new CreateEventSourceMappingCommand({ FunctionName: 'closing', EventSourceArn: queueArn }),
      );
      // The poller is live: it takes a message, runs the function and deletes it.
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"before":"close"}' }));
      await waitFor(async () => (await depth()) === 0);
      // Two warm processes, then one stuck in a long invocation and one queued async event.
      await Promise.all(
        [1, 2].map(() =>
          client.send(new InvokeCommand({ FunctionName: 'closing', Payload: '{"sleepMs":100}' })),
        ),
      );
      const stuck = client
        .send(new InvokeCommand({ FunctionName: 'closing', Payload: '{"sleepMs":20000}' }))
        .catch(() => undefined);
      await client.send(
        new InvokeCommand({
          FunctionName: 'closing',
          Payload: '{"sleepMs":20000}',
          InvocationType: 'Event',
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pids = lambda.functionPids('closing');
      expect(pids.length).toBeGreaterThanOrEqual(2);
      expect(pids.every(isAlive)).toBe(true);

      const startedMs = Date.now();
      await cloud.close();

      expect(Date.now() - startedMs).toBeLessThan(5000);
      expect(pids.filter(isAlive)).toEqual([]);
      await stuck;
      // Closing the cloud closed SQS too and dropped its queues. Put the queue back in the (still
      // callable) SQS service with a message in it: a poller still running would receive it.
      const sqsService = cloud.services.sqs;
      const created = await sqsService.handle({
        method: 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AmazonSQS.CreateQueue',
        },
        body: Buffer.from(JSON.stringify({ QueueName: 'close-q' })),
        region: 'us-east-1',
        accountId: '000000000000',
        targetOperation: 'CreateQueue',
        origin: cloud.endpoint,
      });
      expect(created.status).toBe(200);
      const backend = cloud.context.sqs!;
      expect(backend.queueExists(queueArn)).toBe(true);
      await backend.sendMessageByArn(queueArn, '{"after":"close"}');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const [untouched, ...rest] = await backend.receiveMessagesByArn(queueArn, {
        maxMessages: 10,
        waitTimeSeconds: 0,
      });
      expect(rest).toEqual([]);
      expect(untouched?.body).toBe('{"after":"close"}');
      expect(untouched?.attributes.ApproximateReceiveCount).toBe('1');
      await sqsService.close?.();
    } finally {
      folder.remove();
    }
  });
});
