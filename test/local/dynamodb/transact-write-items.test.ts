import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createHashTable } from './tables.ts';

const fixture = useLocalCloud();
let ddb: DynamoDBClient;

function reserve(sku: string, quantity: number, orderId: string): TransactWriteItem[] {
  return [
    {
      Update: {
        TableName: 'stock',
        Key: { pk: { S: sku } },
        UpdateExpression: 'SET stock = stock - :q',
        ConditionExpression: 'stock >= :q',
        ExpressionAttributeValues: { ':q': { N: String(quantity) } },
      },
    },
    {
      Put: {
        TableName: 'reservations',
        Item: { pk: { S: orderId }, sku: { S: sku } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

async function stockOf(sku: string): Promise<string | undefined> {
  const got = await ddb.send(new GetItemCommand({ TableName: 'stock', Key: { pk: { S: sku } } }));
  return got.Item?.stock?.N;
}

async function reservationExists(orderId: string): Promise<boolean> {
  const got = await ddb.send(
    new GetItemCommand({ TableName: 'reservations', Key: { pk: { S: orderId } } }),
  );
  return got.Item !== undefined;
}

async function putStock(sku: string, stock: number): Promise<void> {
  await ddb.send(
    new PutItemCommand({
      TableName: 'stock',
      Item: { pk: { S: sku }, stock: { N: String(stock) } },
    }),
  );
}

async function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TransactionCanceledException);
  return err as TransactionCanceledException;
}

beforeAll(async () => {
  ddb = new DynamoDBClient(fixture.clientConfig);
  await createHashTable(ddb, 'stock');
  await createHashTable(ddb, 'reservations');
});

describe('TransactWriteItems', () => {
  it('applies every action of a successful transaction', async () => {
    await putStock('sku-ok', 5);

    const result = await ddb.send(
      new TransactWriteItemsCommand({ TransactItems: reserve('sku-ok', 2, 'order-ok') }),
    );

    expect(result.$metadata.httpStatusCode).toBe(200);
    expect(await stockOf('sku-ok')).toBe('3');
    expect(await reservationExists('order-ok')).toBe(true);
  });

  it('applies Delete and honours ConditionCheck, with a table named by ARN', async () => {
    await putStock('sku-del', 1);
    await putStock('sku-guard', 9);

    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: 'arn:aws:dynamodb:us-east-1:000000000000:table/stock',
              Key: { pk: { S: 'sku-guard' } },
              ConditionExpression: 'stock = :nine',
              ExpressionAttributeValues: { ':nine': { N: '9' } },
            },
          },
          { Delete: { TableName: 'stock', Key: { pk: { S: 'sku-del' } } } },
        ],
      }),
    );

    expect(await stockOf('sku-del')).toBeUndefined();
    expect(await stockOf('sku-guard')).toBe('9');
  });

  it('cancels everything and reports one reason per action when a condition fails', async () => {
    await putStock('sku-low', 1);

    const err = await cancellation(
      ddb.send(
        new TransactWriteItemsCommand({ TransactItems: reserve('sku-low', 3, 'order-low') }),
      ),
    );

    expect(err.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
    );
    expect(err.CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'None' },
    ]);
    expect(await stockOf('sku-low')).toBe('1');
    expect(await reservationExists('order-low')).toBe(false);
  });

  it('sends the cancellation with the type and members AWS uses on the wire', async () => {
    await putStock('sku-wire', 0);

    const response = await fetch(fixture.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.TransactWriteItems',
      },
      body: JSON.stringify({ TransactItems: reserve('sku-wire', 1, 'order-wire') }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message:
        'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]',
      CancellationReasons: [
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
        { Code: 'None' },
      ],
    });
  });

  it('returns the old item in the reason when the action asked for ALL_OLD', async () => {
    await putStock('sku-old', 1);
    const items = reserve('sku-old', 3, 'order-old');
    items[0]!.Update!.ReturnValuesOnConditionCheckFailure = 'ALL_OLD';

    const err = await cancellation(
      ddb.send(new TransactWriteItemsCommand({ TransactItems: items })),
    );

    expect(err.CancellationReasons?.[0]).toEqual({
      Code: 'ConditionalCheckFailed',
      Message: 'The conditional request failed',
      Item: { pk: { S: 'sku-old' }, stock: { N: '1' } },
    });
    expect(err.CancellationReasons?.[1]).toEqual({ Code: 'None' });
  });

  it('rolls back writes already applied when a later update does not fit the item', async () => {
    await ddb.send(
      new PutItemCommand({
        TableName: 'stock',
        Item: { pk: { S: 'sku-text' }, stock: { S: 'many' } },
      }),
    );
    await putStock('sku-num', 4);

    const err = await cancellation(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'stock',
                Key: { pk: { S: 'sku-num' } },
                UpdateExpression: 'SET stock = stock - :q',
                ExpressionAttributeValues: { ':q': { N: '1' } },
              },
            },
            {
              Update: {
                TableName: 'stock',
                Key: { pk: { S: 'sku-text' } },
                UpdateExpression: 'SET stock = stock - :q',
                ExpressionAttributeValues: { ':q': { N: '1' } },
              },
            },
          ],
        }),
      ),
    );

    expect(err.CancellationReasons?.map((reason) => reason.Code)).toEqual([
      'None',
      'ValidationError',
    ]);
    expect(await stockOf('sku-num')).toBe('4');
  });

  it('refuses two actions on one item with a ValidationException and no reasons', async () => {
    await putStock('sku-dup', 5);

    const failure = ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          reserve('sku-dup', 1, 'order-dup')[0]!,
          { Delete: { TableName: 'stock', Key: { pk: { S: 'sku-dup' } } } },
        ],
      }),
    );

    await expect(failure).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'Transaction request cannot include multiple operations on one item',
    });
    await expect(failure).rejects.not.toHaveProperty('CancellationReasons');
    expect(await stockOf('sku-dup')).toBe('5');
  });

  it('refuses more than 100 actions', async () => {
    const items: TransactWriteItem[] = Array.from({ length: 101 }, (_, i) => ({
      Put: { TableName: 'reservations', Item: { pk: { S: `bulk-${i}` } } },
    }));

    const failure = ddb.send(new TransactWriteItemsCommand({ TransactItems: items }));

    await expect(failure).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(failure).rejects.toThrow(/less than or equal to 100/);
    expect(await reservationExists('bulk-0')).toBe(false);
  });

  it('refuses an item holding two actions', async () => {
    const failure = ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: { TableName: 'reservations', Item: { pk: { S: 'two-actions' } } },
            Delete: { TableName: 'reservations', Key: { pk: { S: 'two-actions' } } },
          },
        ],
      }),
    );

    await expect(failure).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('answers ResourceNotFoundException for an unknown table and changes nothing', async () => {
    await putStock('sku-nf', 5);

    const failure = ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          reserve('sku-nf', 1, 'x')[0]!,
          { Put: { TableName: 'no-such-table', Item: { pk: { S: 'x' } } } },
        ],
      }),
    );

    await expect(failure).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await stockOf('sku-nf')).toBe('5');
  });

  it('applies a retried request with the same ClientRequestToken only once', async () => {
    await putStock('sku-idem', 10);
    const request = {
      TransactItems: reserve('sku-idem', 1, 'order-idem'),
      ClientRequestToken: 'tok-1',
    };

    await ddb.send(new TransactWriteItemsCommand(request));
    const retry = await ddb.send(new TransactWriteItemsCommand(request));

    expect(retry.$metadata.httpStatusCode).toBe(200);
    expect(await stockOf('sku-idem')).toBe('9');
  });

  it('refuses a different request with a used ClientRequestToken', async () => {
    await putStock('sku-mismatch', 10);
    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: reserve('sku-mismatch', 1, 'order-m1'),
        ClientRequestToken: 'tok-2',
      }),
    );

    const failure = ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: reserve('sku-mismatch', 2, 'order-m2'),
        ClientRequestToken: 'tok-2',
      }),
    );

    await expect(failure).rejects.toMatchObject({ name: 'IdempotentParameterMismatchException' });
    expect(await stockOf('sku-mismatch')).toBe('9');
  });

  it('keeps a global secondary index in step with transactional puts, deletes and roll-backs', async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: 'by-customer',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'customer', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'customer-index',
            KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await ddb.send(
      new PutItemCommand({
        TableName: 'by-customer',
        Item: { pk: { S: 'old' }, customer: { S: 'c1' } },
      }),
    );
    await ddb.send(
      new PutItemCommand({
        TableName: 'stock',
        Item: { pk: { S: 'gsi-text' }, stock: { S: 'lots' } },
      }),
    );
    const ordersOf = async (customer: string) =>
      (
        await ddb.send(
          new QueryCommand({
            TableName: 'by-customer',
            IndexName: 'customer-index',
            KeyConditionExpression: 'customer = :c',
            ExpressionAttributeValues: { ':c': { S: customer } },
          }),
        )
      ).Items?.map((item) => item.pk?.S);

    await ddb.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'by-customer', Item: { pk: { S: 'new' }, customer: { S: 'c1' } } } },
          { Delete: { TableName: 'by-customer', Key: { pk: { S: 'old' } } } },
        ],
      }),
    );
    const rolledBack = await cancellation(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: 'by-customer',
                Item: { pk: { S: 'never' }, customer: { S: 'c1' } },
              },
            },
            // Arithmetic on a string fails while applying, after the Put was written.
            {
              Update: {
                TableName: 'stock',
                Key: { pk: { S: 'gsi-text' } },
                UpdateExpression: 'SET stock = stock - :q',
                ExpressionAttributeValues: { ':q': { N: '1' } },
              },
            },
          ],
        }),
      ),
    );

    expect(rolledBack.CancellationReasons?.map((reason) => reason.Code)).toEqual([
      'None',
      'ValidationError',
    ]);
    expect(await ordersOf('c1')).toEqual(['new']);
  });

  it('works through the document client', async () => {
    const doc = DynamoDBDocumentClient.from(ddb);
    await putStock('sku-doc', 3);

    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: 'stock',
              Key: { pk: 'sku-doc' },
              UpdateExpression: 'SET stock = stock - :q',
              ConditionExpression: 'stock >= :q',
              ExpressionAttributeValues: { ':q': 3 },
            },
          },
        ],
      }),
    );

    expect(
      (await doc.send(new GetCommand({ TableName: 'stock', Key: { pk: 'sku-doc' } }))).Item,
    ).toEqual({
      pk: 'sku-doc',
      stock: 0,
    });
  });
});
