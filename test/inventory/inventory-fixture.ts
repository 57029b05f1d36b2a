/**
 * Creates what inventory reservation needs in a running local cloud (the table, the inventory
 * queue with its DLQ, the bus and the outcome rule into an outcomes queue) the way the CDK app
 * describes them, and reads back what reservation did.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { InventoryReserver } from '../../src/inventory/index.ts';
import type { EventEnvelope, OrderPlaced } from '../../src/shared/events.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import {
  DETAIL_TYPE,
  EVENT_BUS_NAME,
  INVENTORY_EVENT_SOURCE,
  INVENTORY_TABLE_NAME,
  MAX_RECEIVE_COUNT,
  ORDER_EVENT_SOURCE,
  reservationKey,
  stockKey,
} from '../../src/shared/names.ts';
import type { CloudFixture } from '../helpers/cloud.ts';

export interface InventoryResources {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  queueUrl: string;
  deadLetterQueueUrl: string;
  /** Receives every inventory.* event, through a rule like the app's. */
  outcomesQueueUrl: string;
  reserver: InventoryReserver;
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string> = {}) {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

/** `suffix` keeps queues of different tests apart; the table and bus are the app's fixed ones. */
export async function createInventoryResources(
  cloud: CloudFixture,
  { suffix = randomUUID().slice(0, 8), visibilityTimeoutSeconds = 30 } = {},
): Promise<InventoryResources> {
  const dynamodb = new DynamoDBClient(cloud.clientConfig);
  const sqs = new SQSClient(cloud.clientConfig);
  const eventBridge = new EventBridgeClient(cloud.clientConfig);

  await dynamodb
    .send(
      new CreateTableCommand({
        TableName: INVENTORY_TABLE_NAME,
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    )
    .catch((err: Error) => {
      if (err.name !== 'ResourceInUseException') throw err;
    });
  const deadLetter = await createQueue(sqs, `inventory-dlq-${suffix}`);
  const queue = await createQueue(sqs, `inventory-${suffix}`, {
    VisibilityTimeout: String(visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: deadLetter.arn,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    }),
  });
  const outcomes = await createQueue(sqs, `outcomes-${suffix}`);

  await eventBridge
    .send(new CreateEventBusCommand({ Name: EVENT_BUS_NAME }))
    .catch((err: Error) => {
      if (err.name !== 'ResourceAlreadyExistsException') throw err;
    });
  const ruleName = `outcomes-${suffix}`;
  await eventBridge.send(
    new PutRuleCommand({
      Name: ruleName,
      EventBusName: EVENT_BUS_NAME,
      EventPattern: JSON.stringify({
        source: [INVENTORY_EVENT_SOURCE],
        'detail-type': [{ prefix: 'inventory.' }],
      }),
    }),
  );
  await eventBridge.send(
    new PutTargetsCommand({
      Rule: ruleName,
      EventBusName: EVENT_BUS_NAME,
      Targets: [{ Id: 'outcomes', Arn: outcomes.arn }],
    }),
  );

  const reserver = new InventoryReserver({
    dynamodb,
    eventBridge,
    tableName: INVENTORY_TABLE_NAME,
    busName: EVENT_BUS_NAME,
    logger: silentLogger,
  });
  return {
    dynamodb,
    sqs,
    eventBridge,
    queueUrl: queue.url,
    deadLetterQueueUrl: deadLetter.url,
    outcomesQueueUrl: outcomes.url,
    reserver,
  };
}

export async function seedStock(
  resources: InventoryResources,
  sku: string,
  stock: number,
): Promise<void> {
  await resources.dynamodb.send(
    new PutItemCommand({
      TableName: INVENTORY_TABLE_NAME,
      Item: {
        pk: { S: stockKey(sku) },
        sku: { S: sku },
        stock: { N: String(stock) },
        reserved: { N: '0' },
      },
    }),
  );
}

export async function readStock(resources: InventoryResources, sku: string) {
  const { Item } = await resources.dynamodb.send(
    new GetItemCommand({
      TableName: INVENTORY_TABLE_NAME,
      Key: { pk: { S: stockKey(sku) } },
      ConsistentRead: true,
    }),
  );
  return { stock: Number(Item?.stock?.N), reserved: Number(Item?.reserved?.N) };
}

export async function readReservation(resources: InventoryResources, orderId: string) {
  const { Item } = await resources.dynamodb.send(
    new GetItemCommand({
      TableName: INVENTORY_TABLE_NAME,
      Key: { pk: { S: reservationKey(orderId) } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** Reservation records whose order id starts with `prefix`. */
export async function scanReservations(resources: InventoryResources, prefix: string) {
  const items: Array<{ orderId: string; status: string; outcome: unknown }> = [];
  let ExclusiveStartKey:
    | Record<string, import('@aws-sdk/client-dynamodb').AttributeValue>
    | undefined;
  do {
    const page = await resources.dynamodb.send(
      new ScanCommand({
        TableName: INVENTORY_TABLE_NAME,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': { S: reservationKey(prefix) } },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      items.push({
        orderId: item.orderId.S!,
        status: item.status.S!,
        outcome: JSON.parse(item.outcome.S!),
      });
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export function orderPlacedEvent(
  orderId: string,
  items: Array<{ sku: string; quantity: number }>,
): EventEnvelope & { detail: OrderPlaced } {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': DETAIL_TYPE.orderPlaced,
    source: ORDER_EVENT_SOURCE,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: { orderId, customerId: 'customer-1', items, placedAt: new Date().toISOString() },
  };
}

export async function sendBodies(resources: InventoryResources, bodies: string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    const chunk = bodies.slice(i, i + 10);
    const answer = await resources.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: resources.queueUrl,
        Entries: chunk.map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    if (answer.Failed?.length) throw new Error(`send failed: ${JSON.stringify(answer.Failed)}`);
  }
}

export interface OutcomeEvent {
  'detail-type': string;
  detail: { orderId: string; [key: string]: unknown };
}

/** Receives (and deletes) from a queue until `count` messages arrived or `timeoutMs` passed. */
export async function receiveAll(
  sqs: SQSClient,
  queueUrl: string,
  count: number,
  timeoutMs = 20_000,
): Promise<string[]> {
  const bodies: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (bodies.length < count && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    if (Messages.length === 0) continue;
    bodies.push(...Messages.map((m) => m.Body!));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, index) => ({
          Id: String(index),
          ReceiptHandle: m.ReceiptHandle!,
        })),
      }),
    );
  }
  return bodies;
}

export async function receiveOutcomes(
  resources: InventoryResources,
  count: number,
  timeoutMs?: number,
) {
  const bodies = await receiveAll(resources.sqs, resources.outcomesQueueUrl, count, timeoutMs);
  return bodies.map((body) => JSON.parse(body) as OutcomeEvent);
}

export async function queueDepth(resources: InventoryResources, queueUrl = resources.queueUrl) {
  const { Attributes } = await resources.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    visible: Number(Attributes?.ApproximateNumberOfMessages),
    inFlight: Number(Attributes?.ApproximateNumberOfMessagesNotVisible),
  };
}
