/** SQS bodies as EventBridge delivers inventory's answers to the order-events queue. */
import { DETAIL_TYPE, INVENTORY_EVENT_SOURCE } from '../../../src/shared/names.ts';

export function envelope(
  detailType: string,
  detail: unknown,
  source = INVENTORY_EVENT_SOURCE,
): string {
  return JSON.stringify({
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': detailType,
    source,
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail,
  });
}

export const reserved = (orderId: string) =>
  envelope(DETAIL_TYPE.inventoryReserved, {
    orderId,
    items: [{ sku: 'ELEC-00001', quantity: 3 }],
    reservedAt: new Date().toISOString(),
  });

export const OUT_OF_STOCK = [
  { sku: 'ELEC-00001', reason: 'INSUFFICIENT_STOCK', requested: 3, available: 1 },
];

export const failed = (orderId: string) =>
  envelope(DETAIL_TYPE.inventoryReservationFailed, {
    orderId,
    reasons: OUT_OF_STOCK,
    failedAt: new Date().toISOString(),
  });
