import { DynamoDBClient, PutItemCommand, TransactGetItemsCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createHashTable } from './tables.ts';

const fixture = useLocalCloud();
let ddb: DynamoDBClient;

beforeAll(async () => {
  ddb = new DynamoDBClient(fixture.clientConfig);
  await createHashTable(ddb, 'products');
  await ddb.send(
    new PutItemCommand({
      TableName: 'products',
      Item: { pk: { S: 'p1' }, name: { S: 'kettle' }, stock: { N: '4' } },
    }),
  );
  await ddb.send(
    new PutItemCommand({ TableName: 'products', Item: { pk: { S: 'p2' }, name: { S: 'mug' } } }),
  );
});

describe('TransactGetItems', () => {
  it('returns the items in request order, with {} for a missing one', async () => {
    const result = await ddb.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: 'products', Key: { pk: { S: 'p2' } } } },
          { Get: { TableName: 'products', Key: { pk: { S: 'missing' } } } },
          {
            Get: {
              TableName: 'arn:aws:dynamodb:us-east-1:000000000000:table/products',
              Key: { pk: { S: 'p1' } },
              ProjectionExpression: '#n',
              ExpressionAttributeNames: { '#n': 'name' },
            },
          },
        ],
      }),
    );

    expect(result.Responses).toEqual([
      { Item: { pk: { S: 'p2' }, name: { S: 'mug' } } },
      {},
      { Item: { name: { S: 'kettle' } } },
    ]);
  });

  it('answers ResourceNotFoundException for an unknown table', async () => {
    const failure = ddb.send(
      new TransactGetItemsCommand({
        TransactItems: [{ Get: { TableName: 'nowhere', Key: { pk: { S: 'p1' } } } }],
      }),
    );

    await expect(failure).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses an empty list and an item without Get', async () => {
    const empty = ddb.send(new TransactGetItemsCommand({ TransactItems: [] }));
    // The SDK's types require Get; a hand-built request can still leave it out.
    const noGet = ddb.send(new TransactGetItemsCommand({ TransactItems: [{} as { Get: never }] }));

    await expect(empty).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(noGet).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
