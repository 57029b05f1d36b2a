import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInventoryHandler } from '../../../lambdas/inventory/handler.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { DETAIL_TYPE } from '../../../src/shared/names.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';
import {
  createInventoryResources,
  type InventoryResources,
  orderPlacedEvent,
  readStock,
  receiveOutcomes,
  seedStock,
} from '../../inventory/inventory-fixture.ts';

const cloud = useLocalCloud();
let resources: InventoryResources;
let handler: ReturnType<typeof createInventoryHandler>;
const context = {
  functionName: 'novamart-inventory',
  awsRequestId: 'test',
} as unknown as Parameters<ReturnType<typeof createInventoryHandler>>[1];

beforeAll(async () => {
  resources = await createInventoryResources(cloud);
  handler = createInventoryHandler(resources.reserver, silentLogger);
});

const sqsRecord = (body: string) => ({ messageId: randomUUID(), body, eventSource: 'aws:sqs' });

describe('inventory Lambda handler', () => {
  it('answers an EventBridge order.placed with the outcome it published', async () => {
    const sku = `LAMBDA-${randomUUID().slice(0, 8)}`.toUpperCase();
    await seedStock(resources, sku, 4);

    const answer = await handler(
      orderPlacedEvent(`lambda-${sku}`, [{ sku, quantity: 3 }]),
      context,
    );

    expect(answer).toMatchObject({
      kind: 'order',
      repeat: false,
      outcome: {
        detailType: DETAIL_TYPE.inventoryReserved,
        detail: { items: [{ sku, quantity: 3 }] },
      },
    });
    expect(await readStock(resources, sku)).toEqual({ stock: 1, reserved: 3 });
    const events = await receiveOutcomes(resources, 1);
    expect(events[0]['detail-type']).toBe(DETAIL_TYPE.inventoryReserved);
  });

  it('reports only the poison records of an SQS batch as failures', async () => {
    const sku = `BATCH-${randomUUID().slice(0, 8)}`.toUpperCase();
    await seedStock(resources, sku, 10);
    const good = [1, 2, 3].map((i) =>
      sqsRecord(JSON.stringify(orderPlacedEvent(`batch-${sku}-${i}`, [{ sku, quantity: 1 }]))),
    );
    const notJson = sqsRecord('{not json');
    const wrongShape = sqsRecord(JSON.stringify({ detail: { orderId: 1 } }));

    const answer = await handler(
      { Records: [good[0], notJson, good[1], wrongShape, good[2]] },
      context,
    );

    expect(answer).toEqual({
      batchItemFailures: [
        { itemIdentifier: notJson.messageId },
        { itemIdentifier: wrongShape.messageId },
      ],
    });
    expect(await readStock(resources, sku)).toEqual({ stock: 7, reserved: 3 });
    await receiveOutcomes(resources, 3);
  });

  it('throws on a poison event and answers a health check', async () => {
    await expect(handler({ hello: 'world' }, context)).rejects.toThrow(/Not an EventBridge event/);
    await expect(handler({ healthCheck: true }, context)).resolves.toEqual({
      kind: 'health',
      status: 'ok',
    });
  });
});
