/**
 * SDK clients and names for the reservation core, from the environment. The SDK reads
 * AWS_ENDPOINT_URL and AWS_REGION itself; `endpoint` overrides the former (the worker's --endpoint).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Logger } from '../shared/logger.ts';
import { EVENT_BUS_NAME, INVENTORY_TABLE_NAME } from '../shared/names.ts';
import { InventoryReserver } from './inventory-reserver.ts';

export interface InventoryEnvironment {
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
}

export function createInventoryReserver({
  endpoint,
  env = process.env,
  logger,
}: InventoryEnvironment): InventoryReserver {
  const clientConfig = {
    ...(endpoint ? { endpoint } : {}),
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
  };
  return new InventoryReserver({
    dynamodb: new DynamoDBClient(clientConfig),
    eventBridge: new EventBridgeClient(clientConfig),
    tableName: env.INVENTORY_TABLE_NAME ?? INVENTORY_TABLE_NAME,
    busName: env.EVENT_BUS_NAME ?? EVENT_BUS_NAME,
    logger,
  });
}
