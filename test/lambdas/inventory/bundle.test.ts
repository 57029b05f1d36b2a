/**
 * The esbuild bundle `cdk synth` writes to cdk.out, run by the local cloud's Lambda as the
 * embedded deployer will run it: invoked directly, and as an SQS event source mapping target.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNovaMartApp } from '../../../lib/novamart-app.ts';
import { DETAIL_TYPE, EVENT_BUS_NAME, INVENTORY_TABLE_NAME } from '../../../src/shared/names.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import {
  createInventoryResources,
  type InventoryResources,
  orderPlacedEvent,
  readStock,
  receiveAll,
  receiveOutcomes,
  seedStock,
  sendBodies,
} from '../../inventory/inventory-fixture.ts';

const cloud = useLocalCloud();
let resources: InventoryResources;
let lambda: LambdaClient;
const functionName = `inventory-${randomUUID().slice(0, 8)}`;

/** Synthesizes the app and returns the folder holding the inventory function's bundle. */
function synthesizedBundleFolder(): { folder: string; properties: Record<string, unknown> } {
  const outdir = mkdtempSync(join(tmpdir(), 'novamart-bundle-'));
  buildNovaMartApp({ outdir, context: { target: 'localstack' } }).app.synth();
  const read = (file: string) => JSON.parse(readFileSync(join(outdir, file), 'utf8'));
  const resources = Object.values(read('NovaMart.template.json').Resources) as Array<{
    Type: string;
    Properties: { Code: { S3Key: string } } & Record<string, unknown>;
  }>;
  const fn = resources.find((r) => r.Type === 'AWS::Lambda::Function')!;
  const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
  const asset = read('NovaMart.assets.json').files[assetHash];
  return { folder: join(outdir, asset.source.path), properties: fn.Properties };
}

beforeAll(async () => {
  resources = await createInventoryResources(cloud, { visibilityTimeoutSeconds: 2 });
  lambda = new LambdaClient(cloud.clientConfig);
  const { folder, properties } = synthesizedBundleFolder();
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: functionName,
      Runtime: properties.Runtime as 'nodejs20.x',
      Handler: properties.Handler as string,
      Role: 'arn:aws:iam::000000000000:role/inventory',
      Code: { S3Bucket: 'hot-reload', S3Key: folder },
      Timeout: 30,
      Environment: { Variables: { INVENTORY_TABLE_NAME, EVENT_BUS_NAME } },
    }),
  );
}, 180_000);

describe('inventory Lambda bundle from cdk.out', () => {
  it('reserves stock when invoked with order.placed', async () => {
    const sku = `BUNDLE-${randomUUID().slice(0, 8)}`.toUpperCase();
    await seedStock(resources, sku, 3);
    const event = orderPlacedEvent(`bundle-${sku}`, [{ sku, quantity: 2 }]);

    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );

    expect(answer.FunctionError).toBeUndefined();
    const body = JSON.parse(new TextDecoder().decode(answer.Payload));
    expect(body).toMatchObject({
      kind: 'order',
      outcome: { detailType: DETAIL_TYPE.inventoryReserved },
    });
    expect(await readStock(resources, sku)).toEqual({ stock: 1, reserved: 2 });
    await receiveOutcomes(resources, 1);
  });

  it('drains the inventory queue as a mapping target, leaving poison records for the DLQ', async () => {
    const sku = `MAPPED-${randomUUID().slice(0, 8)}`.toUpperCase();
    await seedStock(resources, sku, 10);
    const { Attributes } = await resources.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: resources.queueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sendBodies(resources, [
      'garbage',
      ...[0, 1, 2].map((i) =>
        JSON.stringify(orderPlacedEvent(`mapped-${sku}-${i}`, [{ sku, quantity: 1 }])),
      ),
    ]);

    await lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: functionName,
        EventSourceArn: Attributes!.QueueArn,
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    );

    const outcomes = await receiveOutcomes(resources, 3, 20_000);
    expect(outcomes.map((o) => o['detail-type'])).toEqual(
      Array(3).fill(DETAIL_TYPE.inventoryReserved),
    );
    expect(await readStock(resources, sku)).toEqual({ stock: 7, reserved: 3 });
    expect(await receiveAll(resources.sqs, resources.deadLetterQueueUrl, 1, 30_000)).toEqual([
      'garbage',
    ]);
    // Redeliveries of the poison record reserved nothing more.
    expect(await readStock(resources, sku)).toEqual({ stock: 7, reserved: 3 });
  });
});
