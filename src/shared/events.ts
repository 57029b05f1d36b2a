/**
 * The `detail` shapes of every event in the system, defined once. Producers build them with these
 * types and consumers validate them with these schemas at every boundary.
 */
import { z } from 'zod';
import { MAX_LINES_PER_ORDER } from './names.ts';

export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,63}$/;

export const orderLineSchema = z.strictObject({
  sku: z.string().regex(SKU_PATTERN),
  quantity: z.number().int(),
});

/** `order.placed`: quantities are checked by inventory (it answers with a reason), not rejected here. */
export const orderPlacedSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  customerId: z.string().min(1).max(64),
  items: z.array(orderLineSchema).min(1),
  placedAt: z.string().datetime(),
});
export type OrderPlaced = z.infer<typeof orderPlacedSchema>;

export const inventoryReservedSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  items: z.array(z.strictObject({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  reservedAt: z.string().datetime(),
});
export type InventoryReserved = z.infer<typeof inventoryReservedSchema>;

export const REJECTION_REASONS = [
  'UNKNOWN_SKU',
  'INSUFFICIENT_STOCK',
  'INVALID_QUANTITY',
  'TOO_MANY_LINES',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export const inventoryReservationFailedSchema = z.strictObject({
  orderId: z.string().min(1).max(64),
  reasons: z
    .array(
      z.strictObject({
        sku: z.string().optional(),
        reason: z.enum(REJECTION_REASONS),
        requested: z.number().optional(),
        available: z.number().optional(),
      }),
    )
    .min(1),
  failedAt: z.string().datetime(),
});
export type InventoryReservationFailed = z.infer<typeof inventoryReservationFailedSchema>;

export { MAX_LINES_PER_ORDER };

/** The envelope EventBridge delivers to targets (SQS bodies and Lambda payloads). */
export const eventEnvelopeSchema = z.object({
  version: z.string(),
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});
export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;
