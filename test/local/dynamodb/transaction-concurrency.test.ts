import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createHashTable } from './tables.ts';

const fixture = useLocalCloud();
let ddb: DynamoDBClient;

function reserveOne(orderId: string) {
  return new TransactWriteItemsCommand({
    TransactItems: [
      {
        Update: {
          TableName: 'stock',
          Key: { pk: { S: 'sku-hot' } },
          UpdateExpression: 'SET stock = stock - :one, reserved = reserved + :one',
          ConditionExpression: 'stock >= :one',
          ExpressionAttributeValues: { ':one': { N: '1' } },
        },
      },
      {
        Put: {
          TableName: 'reservations',
          Item: { pk: { S: orderId } },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ],
  });
}

beforeAll(async () => {
  ddb = new DynamoDBClient({
    ...fixture.clientConfig,
    // Enough sockets that all requests are truly in flight together.
    requestHandler: { httpAgent: { maxSockets: 256, keepAlive: true } },
    maxAttempts: 1,
  });
  await createHashTable(ddb, 'stock');
  await createHashTable(ddb, 'reservations');
});

describe('transactions under concurrency', () => {
  it('never oversells: 200 concurrent reservations of 150 units', async () => {
    await ddb.send(
      new PutItemCommand({
        TableName: 'stock',
        Item: { pk: { S: 'sku-hot' }, stock: { N: '150' }, reserved: { N: '0' } },
      }),
    );

    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) => ddb.send(reserveOne(`order-${i}`))),
    );

    const succeeded = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const failed = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
    expect(succeeded).toHaveLength(150);
    expect(failed).toHaveLength(50);
    for (const err of failed) {
      expect(err).toBeInstanceOf(TransactionCanceledException);
      expect((err as TransactionCanceledException).CancellationReasons?.[0]?.Code).toBe(
        'ConditionalCheckFailed',
      );
    }
    const item = (
      await ddb.send(new GetItemCommand({ TableName: 'stock', Key: { pk: { S: 'sku-hot' } } }))
    ).Item;
    expect(item?.stock).toEqual({ N: '0' });
    expect(item?.reserved).toEqual({ N: '150' });
  });

  it('never lets a reader see a write that is later rolled back', async () => {
    await ddb.send(
      new PutItemCommand({ TableName: 'stock', Item: { pk: { S: 'a' }, n: { N: '100' } } }),
    );
    await ddb.send(
      new PutItemCommand({ TableName: 'stock', Item: { pk: { S: 'text' }, n: { S: 'x' } } }),
    );
    const decrement = (pk: string) => ({
      Update: {
        TableName: 'stock',
        Key: { pk: { S: pk } },
        UpdateExpression: 'SET n = n - :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    });
    // Each transaction writes 20 other items and decrements `a`, then fails on `text` (not a
    // number): everything is rolled back, and rolling back 21 writes leaves a long window.
    const failingTransaction = (t: number) =>
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            ...Array.from({ length: 20 }, (_, i) => ({
              Put: { TableName: 'reservations', Item: { pk: { S: `filler-${t}-${i}` } } },
            })),
            decrement('a'),
            decrement('text'),
          ],
        }),
      );
    const readA = async () =>
      (await ddb.send(new GetItemCommand({ TableName: 'stock', Key: { pk: { S: 'a' } } }))).Item?.n
        ?.N;

    let writesDone = false;
    const writes = Promise.allSettled(Array.from({ length: 40 }, (_, t) => failingTransaction(t)));
    void writes.then(() => {
      writesDone = true;
    });
    const reads: (string | undefined)[] = [];
    while (!writesDone) reads.push(await readA());
    const outcomes = await writes;

    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(new Set(reads)).toEqual(new Set(['100']));
    expect(await readA()).toBe('100');
  });
});
