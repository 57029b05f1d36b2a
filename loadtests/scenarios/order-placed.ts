/** `order.placed` as the load tests send it: a fresh orderId each time, real SKUs, valid schema. */
import { randomUUID } from 'node:crypto';
import { type OrderPlaced, orderPlacedSchema } from '../../src/shared/events.ts';
import { DETAIL_TYPE, EVENT_BUS_NAME, ORDER_EVENT_SOURCE } from '../../src/shared/names.ts';
import { randomOrderLines } from './skus.ts';

export function freshOrderPlaced(
  skus: readonly string[],
  random: () => number = Math.random,
): OrderPlaced {
  return orderPlacedSchema.parse({
    orderId: `lt-${randomUUID()}`,
    customerId: `loadtest-customer-${Math.floor(random() * 1000)}`,
    items: randomOrderLines(skus, random),
    placedAt: new Date().toISOString(),
  });
}

/** The envelope EventBridge hands a Lambda target, for invoking the function directly. */
export function orderPlacedEnvelope(
  detail: OrderPlaced,
  region: string,
  accountId = '000000000000',
) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': DETAIL_TYPE.orderPlaced,
    source: ORDER_EVENT_SOURCE,
    account: accountId,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [],
    detail,
  };
}

/** One PutEvents entry publishing `order.placed` on the NovaMart bus. */
export function orderPlacedEntry(detail: OrderPlaced) {
  return {
    EventBusName: EVENT_BUS_NAME,
    Source: ORDER_EVENT_SOURCE,
    DetailType: DETAIL_TYPE.orderPlaced,
    Detail: JSON.stringify(detail),
  };
}
