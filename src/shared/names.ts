/**
 * Names that producers, consumers, the CDK app, the deployer and the load tests must agree on.
 * Physical resource names are fixed so every target (AWS, LocalStack, the local cloud) finds the
 * same resources without reading stack outputs first.
 */

export const EVENT_BUS_NAME = 'novamart-bus';

export const ORDER_EVENT_SOURCE = 'novamart.orders';
export const INVENTORY_EVENT_SOURCE = 'novamart.inventory';

export const DETAIL_TYPE = {
  orderPlaced: 'order.placed',
  inventoryReserved: 'inventory.reserved',
  inventoryReservationFailed: 'inventory.reservation_failed',
} as const;

export const INVENTORY_TABLE_NAME = 'novamart-inventory';
export const INVENTORY_FUNCTION_NAME = 'novamart-inventory';
export const INVENTORY_QUEUE_NAME = 'novamart-inventory-queue';
export const INVENTORY_DLQ_NAME = 'novamart-inventory-dlq';
export const ORDER_EVENTS_QUEUE_NAME = 'novamart-order-events';
export const ORDER_EVENTS_DLQ_NAME = 'novamart-order-events-dlq';

/** Receives before a message moves to its DLQ. */
export const MAX_RECEIVE_COUNT = 5;

/** Partition-key prefixes in the inventory table (one table: stock rows and reservation rows). */
export const stockKey = (sku: string) => `SKU#${sku}`;
export const reservationKey = (orderId: string) => `RESERVATION#${orderId}`;

/** DynamoDB allows 100 actions per transaction; one is the reservation record. */
export const MAX_LINES_PER_ORDER = 99;
