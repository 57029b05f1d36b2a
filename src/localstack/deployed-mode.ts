/**
 * Which inventory mode is deployed in LocalStack, read from what exists: both modes create the
 * inventory queue, only lambda mode creates the inventory function. Used by `flip` (to pick the
 * other mode) and `status`.
 */
import {
  GetFunctionCommand,
  LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import type { InventoryMode } from '../../lib/app-settings.ts';
import { INVENTORY_FUNCTION_NAME, INVENTORY_QUEUE_NAME } from '../shared/names.ts';
import { LOCALSTACK_CREDENTIALS, type LocalstackEndpoints } from './endpoints.ts';

export type DeployedMode = InventoryMode | 'none';

export async function detectDeployedMode(endpoints: LocalstackEndpoints): Promise<DeployedMode> {
  const config = {
    endpoint: endpoints.aws,
    region: endpoints.region,
    // A copy: the SDK marks the credentials object it is given, and the shared one is frozen.
    credentials: { ...LOCALSTACK_CREDENTIALS },
    maxAttempts: 1,
  };
  const sqs = new SQSClient(config);
  const lambda = new LambdaClient(config);
  try {
    await sqs.send(new GetQueueUrlCommand({ QueueName: INVENTORY_QUEUE_NAME }));
  } catch (err) {
    if (err instanceof QueueDoesNotExist || isNamed(err, 'AWS.SimpleQueueService.NonExistentQueue'))
      return 'none';
    throw err;
  } finally {
    sqs.destroy();
  }
  try {
    await lambda.send(new GetFunctionCommand({ FunctionName: INVENTORY_FUNCTION_NAME }));
    return 'lambda';
  } catch (err) {
    if (err instanceof ResourceNotFoundException || isNamed(err, 'ResourceNotFoundException'))
      return 'worker';
    throw err;
  } finally {
    lambda.destroy();
  }
}

/** The SDK names an error by its wire code when it has no class for it (older query protocol). */
function isNamed(err: unknown, name: string): boolean {
  return err instanceof Error && err.name === name;
}
