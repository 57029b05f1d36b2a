import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';
import { createHashRangeTable, createHashTable } from './tables.ts';

const fixture = useLocalCloud();
const client = () => new DynamoDBClient(fixture.clientConfig);

async function rawDynamoRequest(
  target: string,
  body: string,
  headers: Record<string, string> = {},
) {
  const response = await fetch(fixture.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target, ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('DynamoDB operations dynalite serves', () => {
  it('creates a table, puts, gets, updates and queries items through the SDK', async () => {
    const ddb = client();
    await createHashRangeTable(ddb, 'orders');

    await ddb.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: { pk: { S: 'c1' }, sk: { S: 'o1' }, amount: { N: '10' } },
      }),
    );
    await ddb.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: { pk: { S: 'c1' }, sk: { S: 'o2' }, amount: { N: '20' } },
      }),
    );
    const updated = await ddb.send(
      new UpdateItemCommand({
        TableName: 'orders',
        Key: { pk: { S: 'c1' }, sk: { S: 'o1' } },
        UpdateExpression: 'SET amount = amount + :n',
        ExpressionAttributeValues: { ':n': { N: '5' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const got = await ddb.send(
      new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { S: 'o2' } } }),
    );
    const queried = await ddb.send(
      new QueryCommand({
        TableName: 'orders',
        KeyConditionExpression: 'pk = :c',
        ExpressionAttributeValues: { ':c': { S: 'c1' } },
      }),
    );

    expect(updated.Attributes?.amount).toEqual({ N: '15' });
    expect(got.Item?.amount).toEqual({ N: '20' });
    expect(queried.Items?.map((item) => item.sk?.S)).toEqual(['o1', 'o2']);
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toContain('orders');
  });

  it("passes dynalite's conditional failures through unchanged", async () => {
    const ddb = client();
    await createHashTable(ddb, 'conditional');
    await ddb.send(new PutItemCommand({ TableName: 'conditional', Item: { pk: { S: 'a' } } }));

    const failure = ddb.send(
      new PutItemCommand({
        TableName: 'conditional',
        Item: { pk: { S: 'a' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );

    await expect(failure).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });

  it('accepts unsigned requests by giving dynalite a dummy signature', async () => {
    const response = await rawDynamoRequest('DynamoDB_20120810.ListTables', '{}');

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toHaveProperty('TableNames');
  });

  it('answers malformed JSON with a SerializationException and keeps serving', async () => {
    const response = await rawDynamoRequest('DynamoDB_20120810.PutItem', '{"TableName": ');
    const transactResponse = await rawDynamoRequest(
      'DynamoDB_20120810.TransactWriteItems',
      '{not json',
    );
    const after = await rawDynamoRequest('DynamoDB_20120810.ListTables', '{}');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
    expect(transactResponse.status).toBe(400);
    expect(JSON.parse(transactResponse.body).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
    expect(after.status).toBe(200);
  });

  it('answers an unknown operation with UnknownOperationException and keeps serving', async () => {
    const response = await rawDynamoRequest('DynamoDB_20120810.ExecuteStatement', '{}');
    const after = await rawDynamoRequest('DynamoDB_20120810.ListTables', '{}');

    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).__type).toBe(
      'com.amazon.coral.service#UnknownOperationException',
    );
    expect(after.status).toBe(200);
  });
});
