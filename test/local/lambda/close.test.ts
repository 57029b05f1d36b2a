import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { startLocalCloud } from '../../../local/server.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { TEST_CREDENTIALS } from '../../helpers/cloud.ts';
import { BEHAVIOUR_HANDLER, writeFunctionFolder } from './function-fixtures.ts';
import { InMemorySqs } from './in-memory-sqs.ts';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('closing the Lambda service', () => {
  it('kills every function process, busy or warm, and stops pollers and queues', async () => {
    const cloud = await startLocalCloud({
      port: 0,
      logger: silentLogger,
      lambda: { sqsPollWaitSeconds: 1 },
    });
    const sqs = new InMemorySqs();
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:close-q';
    sqs.createQueue(queueArn);
    cloud.context.sqs = sqs;
    const client = new LambdaClient({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
      maxAttempts: 1,
    });
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
      const receivesAfterClose = sqs.receiveCalls;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(sqs.receiveCalls - receivesAfterClose).toBeLessThanOrEqual(1);
    } finally {
      folder.remove();
    }
  });
});
