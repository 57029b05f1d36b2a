/**
 * 2-item TransactWriteItems: each transaction increments a counter on two items, each update
 * conditioned on the counter's expected value. Every worker owns its own pair of items, so
 * transactions never conflict by design; any cancellation is counted and reported.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { describeErrors, perSecond, runForDuration } from '../measure.ts';
import { cpuMeasurements } from './cpu-measurement.ts';
import type { BenchSettings, BenchTarget, Measurement, Workload } from './types.ts';

const ACTIVE_TIMEOUT_MS = 30_000;

interface WorkerItems {
  keys: [string, string];
  /** The counter value both items hold, as far as this worker knows. */
  expected: number;
}

async function createTable(dynamodb: DynamoDBClient, tableName: string): Promise<void> {
  await dynamodb.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} not ACTIVE within ${ACTIVE_TIMEOUT_MS} ms`);
}

function updateOf(tableName: string, key: string, expected: number) {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: { S: key } },
      UpdateExpression: 'SET n = n + :one',
      ConditionExpression: 'n = :expected',
      ExpressionAttributeValues: { ':one': { N: '1' }, ':expected': { N: String(expected) } },
    },
  };
}

async function readCounter(
  dynamodb: DynamoDBClient,
  tableName: string,
  key: string,
): Promise<number> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: { pk: { S: key } }, ConsistentRead: true }),
  );
  return Number(Item?.n?.N ?? 0);
}

async function measure(
  target: BenchTarget,
  settings: BenchSettings,
  tableName: string,
  concurrency: number,
): Promise<Measurement[]> {
  const { dynamodb } = target.clients;
  const workers: WorkerItems[] = Array.from({ length: concurrency }, (_, w) => ({
    keys: [`c${concurrency}-w${w}-a`, `c${concurrency}-w${w}-b`],
    expected: 0,
  }));
  for (const worker of workers) {
    for (const key of worker.keys) {
      await dynamodb.send(
        new PutItemCommand({ TableName: tableName, Item: { pk: { S: key }, n: { N: '0' } } }),
      );
    }
  }
  const cancellations = new Map<string, number>();
  const result = await runForDuration(
    { ...settings, concurrency },
    async (w) => {
      const worker = workers[w];
      try {
        await dynamodb.send(
          new TransactWriteItemsCommand({
            TransactItems: worker.keys.map((key) => updateOf(tableName, key, worker.expected)),
          }),
        );
        worker.expected++;
      } catch (err) {
        if (err instanceof TransactionCanceledException) {
          for (const reason of err.CancellationReasons ?? []) {
            if (reason.Code && reason.Code !== 'None')
              cancellations.set(reason.Code, (cancellations.get(reason.Code) ?? 0) + 1);
          }
          // Resynchronise with what the server holds, so one cancellation does not fail every later call.
          worker.expected = await readCounter(dynamodb, tableName, worker.keys[0]);
        }
        throw err;
      }
    },
    () => cancellations.clear(),
  );
  const conflicts = describeErrors(cancellations);
  const note = [
    describeErrors(result.errors),
    conflicts ? `cancellation reasons: ${conflicts}` : 'no conflicts',
  ]
    .filter(Boolean)
    .join('; ');
  const variant = concurrency === 1 ? 'sequential' : `${concurrency}-way`;
  return [
    {
      metric: `transactions/s, ${variant}`,
      unit: 'ops/s',
      better: 'higher',
      value: perSecond(result),
      note,
    },
    ...cpuMeasurements(`transaction, ${variant}`, result),
  ];
}

export const transactWrite: Workload = {
  name: 'transact',
  title: 'DynamoDB 2-item TransactWriteItems',
  async run(target, settings) {
    const { dynamodb } = target.clients;
    const tableName = `bench-tx-${settings.runId}`;
    await createTable(dynamodb, tableName);
    try {
      return [
        ...(await measure(target, settings, tableName, 1)),
        ...(await measure(target, settings, tableName, settings.concurrency)),
      ];
    } finally {
      await dynamodb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    }
  },
};
