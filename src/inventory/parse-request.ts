/**
 * Turns what arrives (an EventBridge envelope, or a health-check payload) into a request the core
 * can act on. Anything else is a PoisonMessageError.
 */
import { z } from 'zod';
import { eventEnvelopeSchema, orderPlacedSchema } from '../shared/events.ts';
import { DETAIL_TYPE } from '../shared/names.ts';
import { PoisonMessageError } from './errors.ts';

export const HEALTH_CHECK_DETAIL_TYPE = 'inventory.health_check';

/**
 * order.placed as inventory reads it: quantities may be any number here, because a bad quantity
 * is answered with an INVALID_QUANTITY rejection for that order rather than dropped as poison.
 */
const receivedOrderSchema = orderPlacedSchema.extend({
  items: z
    .array(
      z.strictObject({
        sku: orderPlacedSchema.shape.items.element.shape.sku,
        quantity: z.number(),
      }),
    )
    .min(1),
});
export type ReceivedOrder = z.infer<typeof receivedOrderSchema>;

export type InventoryRequest =
  | { kind: 'health' }
  | { kind: 'order'; eventId: string; order: ReceivedOrder };

function isHealthCheckPayload(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    (payload as { healthCheck?: unknown }).healthCheck === true
  );
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

export function parseInventoryRequest(payload: unknown): InventoryRequest {
  if (isHealthCheckPayload(payload)) return { kind: 'health' };

  const envelope = eventEnvelopeSchema.safeParse(payload);
  if (!envelope.success) {
    throw new PoisonMessageError(`Not an EventBridge event: ${describeIssues(envelope.error)}`);
  }
  const detailType = envelope.data['detail-type'];
  if (detailType === HEALTH_CHECK_DETAIL_TYPE) return { kind: 'health' };
  if (detailType !== DETAIL_TYPE.orderPlaced) {
    throw new PoisonMessageError(
      `Expected detail-type ${DETAIL_TYPE.orderPlaced}, got "${detailType}"`,
    );
  }

  const order = receivedOrderSchema.safeParse(envelope.data.detail);
  if (!order.success) {
    throw new PoisonMessageError(`Invalid order.placed detail: ${describeIssues(order.error)}`);
  }
  return { kind: 'order', eventId: envelope.data.id, order: order.data };
}

/** Parses a message body (SQS) first; a body that is not JSON is poison. */
export function parseInventoryMessageBody(body: string): InventoryRequest {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new PoisonMessageError(`Message body is not JSON (${body.length} characters)`);
  }
  return parseInventoryRequest(payload);
}
