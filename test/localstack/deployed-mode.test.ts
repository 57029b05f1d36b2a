/** Reading the deployed inventory mode, against the real local cloud (it speaks LocalStack's APIs). */
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { detectDeployedMode } from '../../src/localstack/deployed-mode.ts';
import { INVENTORY_QUEUE_NAME } from '../../src/shared/names.ts';
import { useLocalCloud } from '../helpers/cloud.ts';

const fixture = useLocalCloud();

describe('detectDeployedMode', () => {
  it('says none before the stack exists, worker when the queue exists without the function', async () => {
    const endpoints = { aws: fixture.endpoint, catalog: '', orders: '', region: 'us-east-1' };
    expect(await detectDeployedMode(endpoints)).toBe('none');

    const sqs = new SQSClient(fixture.clientConfig);
    await sqs.send(new CreateQueueCommand({ QueueName: INVENTORY_QUEUE_NAME }));
    sqs.destroy();

    expect(await detectDeployedMode(endpoints)).toBe('worker');
  });
});
