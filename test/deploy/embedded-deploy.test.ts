/**
 * The acceptance path, against the real local cloud: deploy in lambda mode, publish
 * `order.placed` with the AWS CLI, see `inventory.reserved` on the order-events queue; invoke the
 * function with the AWS CLI; flip to worker mode and see the same through the queue and worker.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployEmbedded } from '../../src/deploy/deploy-embedded.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import {
  EVENT_BUS_NAME,
  INVENTORY_FUNCTION_NAME,
  INVENTORY_TABLE_NAME,
  ORDER_EVENTS_QUEUE_NAME,
  stockKey,
} from '../../src/shared/names.ts';
import { useLocalCloud } from '../helpers/cloud.ts';

const run = promisify(execFile);
const fixture = useLocalCloud();
const workDir = mkdtempSync(join(tmpdir(), 'novamart-deploy-'));
const SKU = 'ELEC-00001';

let sqs: SQSClient;
let dynamodb: DynamoDBClient;
let orderEventsUrl: string;

function orderPlacedEntry(orderId: string, quantity = 1) {
  const detail = {
    orderId,
    customerId: 'c-1',
    items: [{ sku: SKU, quantity }],
    placedAt: new Date().toISOString(),
  };
  return JSON.stringify([
    {
      EventBusName: EVENT_BUS_NAME,
      Source: 'novamart.orders',
      DetailType: 'order.placed',
      Detail: JSON.stringify(detail),
    },
  ]);
}

async function aws(...args: string[]): Promise<string> {
  const { stdout } = await run(
    'aws',
    [...args, '--endpoint-url', fixture.endpoint, '--output', 'json'],
    {
      env: fixture.cliEnv,
    },
  );
  return stdout;
}

/** Reads the order-events queue until the outcome for `orderId` arrives. */
async function awaitOutcome(
  orderId: string,
  timeoutMs = 20_000,
): Promise<{ 'detail-type': string; detail: { orderId: string } }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: orderEventsUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );
    for (const message of Messages) {
      await sqs.send(
        new DeleteMessageCommand({
          QueueUrl: orderEventsUrl,
          ReceiptHandle: message.ReceiptHandle,
        }),
      );
      const event = JSON.parse(message.Body!);
      if (event.detail?.orderId === orderId) return event;
    }
  }
  throw new Error(`no inventory outcome for ${orderId} within ${timeoutMs} ms`);
}

async function stockOf(sku: string): Promise<{ stock: number; reserved: number }> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: INVENTORY_TABLE_NAME, Key: { pk: { S: stockKey(sku) } } }),
  );
  return { stock: Number(Item!.stock!.N), reserved: Number(Item!.reserved!.N) };
}

beforeAll(async () => {
  sqs = new SQSClient(fixture.clientConfig);
  dynamodb = new DynamoDBClient(fixture.clientConfig);
});

afterAll(() => {
  sqs?.destroy();
  dynamodb?.destroy();
});

// Each test synthesizes the app and deploys ~80 resources: minutes on a loaded 2-core machine.
describe('novamart local deploy', { timeout: 240_000 }, () => {
  it('lambda mode: put-events from the AWS CLI yields inventory.reserved, and lambda invoke answers', async () => {
    // Arrange
    const result = await deployEmbedded({
      endpoint: fixture.endpoint,
      mode: 'lambda',
      logger: silentLogger,
      stateDir: workDir,
      inventoryOnly: true,
      stockPerSku: 100,
    });
    expect(result.seeded?.created).toBeGreaterThan(4000);
    orderEventsUrl = (
      await sqs.send(new GetQueueUrlCommand({ QueueName: ORDER_EVENTS_QUEUE_NAME }))
    ).QueueUrl!;

    // Act
    const published = JSON.parse(
      await aws('events', 'put-events', '--entries', orderPlacedEntry('order-lambda-1', 3)),
    );
    const outcome = await awaitOutcome('order-lambda-1');

    // Assert
    expect(published.FailedEntryCount).toBe(0);
    expect(outcome['detail-type']).toBe('inventory.reserved');
    expect(await stockOf(SKU)).toEqual({ stock: 97, reserved: 3 });

    const outFile = join(workDir, 'invoke-out.json');
    const envelope = {
      version: '0',
      id: 'e-1',
      'detail-type': 'order.placed',
      source: 'novamart.orders',
      account: '000000000000',
      time: new Date().toISOString(),
      region: 'us-east-1',
      resources: [],
      detail: {
        orderId: 'order-invoke-1',
        customerId: 'c-2',
        items: [{ sku: SKU, quantity: 2 }],
        placedAt: new Date().toISOString(),
      },
    };
    const invoked = JSON.parse(
      await aws(
        'lambda',
        'invoke',
        '--function-name',
        INVENTORY_FUNCTION_NAME,
        '--payload',
        JSON.stringify(envelope),
        outFile,
      ),
    );
    expect(invoked.StatusCode).toBe(200);
    expect(invoked.FunctionError).toBeUndefined();
    expect(JSON.stringify(JSON.parse(readFileSync(outFile, 'utf8')))).toContain('order-invoke-1');
    expect(await stockOf(SKU)).toEqual({ stock: 95, reserved: 5 });
  });

  it('worker mode: the flip keeps stock and the same put-events is answered through the queue and worker', async () => {
    // Arrange
    const result = await deployEmbedded({
      endpoint: fixture.endpoint,
      mode: 'worker',
      logger: silentLogger,
      stateDir: workDir,
      inventoryOnly: true,
      stockPerSku: 100,
    });
    const changed = result.changes.filter((c) => c.change !== 'unchanged');
    expect(changed.map((c) => c.type)).toContain('AWS::ECS::Service');
    expect(changed.filter((c) => c.change === 'deleted').map((c) => c.type)).toContain(
      'AWS::Lambda::Function',
    );
    expect(result.seeded?.created).toBe(0);
    const { stdout } = await run(
      'aws',
      ['lambda', 'list-functions', '--endpoint-url', fixture.endpoint],
      { env: fixture.cliEnv },
    );
    expect(JSON.parse(stdout).Functions).toEqual([]);

    // Act
    await aws('events', 'put-events', '--entries', orderPlacedEntry('order-worker-1', 4));
    const outcome = await awaitOutcome('order-worker-1', 30_000);

    // Assert
    expect(outcome['detail-type']).toBe('inventory.reserved');
    expect(await stockOf(SKU)).toEqual({ stock: 91, reserved: 9 });
    expect(fixture.cloud.containers.processes().map((p) => p.role)).toEqual(['worker-1']);
  });
});
