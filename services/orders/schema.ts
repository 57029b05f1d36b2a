/**
 * What `POST /orders` accepts. Strict: unknown fields are rejected, not dropped, so a client's
 * typo never silently becomes an order it did not mean.
 */
import { z } from 'zod';
import { MAX_LINES_PER_ORDER, SKU_PATTERN } from '../../src/shared/events.ts';

export const MAX_QUANTITY_PER_LINE = 1_000;
/** 1,000,000.00 in cents: above it a price is a mistake, not a product. */
export const MAX_UNIT_PRICE_CENTS = 100_000_000;
export const CUSTOMER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function integerIn(field: string, min: number, max: number) {
  const message = (issue: { input?: unknown }) =>
    `${field} must be an integer from ${min} to ${max}; got ${JSON.stringify(issue.input)}`;
  return z
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
}

export const orderLineInputSchema = z.strictObject({
  sku: z.string().regex(SKU_PATTERN, {
    error: 'sku must be 1-64 of A-Z, 0-9 and -, starting with a letter or digit',
  }),
  quantity: integerIn('quantity', 1, MAX_QUANTITY_PER_LINE),
  /** Money is integer cents everywhere: no floating-point amounts. */
  unitPriceCents: integerIn('unitPriceCents', 0, MAX_UNIT_PRICE_CENTS),
});

export const createOrderSchema = z
  .strictObject({
    customerId: z
      .string()
      .regex(CUSTOMER_ID_PATTERN, { error: 'customerId must be 1-64 of A-Z, a-z, 0-9, _ and -' }),
    items: z
      .array(orderLineInputSchema)
      .min(1, { error: 'items must hold at least 1 line' })
      .max(MAX_LINES_PER_ORDER, { error: `items must hold at most ${MAX_LINES_PER_ORDER} lines` }),
  })
  .superRefine((order, ctx) => {
    // Inventory reserves all lines in one DynamoDB transaction, which cannot touch an item twice.
    const seen = new Set<string>();
    order.items.forEach((line, index) => {
      if (seen.has(line.sku)) {
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'sku'],
          message: `sku ${line.sku} appears twice; merge the lines`,
        });
      }
      seen.add(line.sku);
    });
  });

export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export const ORDER_STATUSES = ['PENDING', 'RESERVED', 'REJECTED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  totalCents: number;
  items: { sku: string; quantity: number; unitPriceCents: number }[];
  rejectionReasons: unknown[] | null;
  createdAt: string;
  updatedAt: string;
}
