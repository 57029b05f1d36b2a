/**
 * Checks an order's lines before any stock is touched. Lines naming the same SKU are merged into
 * one line (quantities added): a DynamoDB transaction cannot touch one item twice, and two lines
 * for one SKU mean the customer wants the sum. Limits apply to the merged lines.
 */
import type { InventoryReserved } from '../shared/events.ts';
import { MAX_LINES_PER_ORDER, MAX_QUANTITY_PER_LINE } from './limits.ts';
import type { RejectionLine } from './outcome.ts';
import type { ReceivedOrder } from './parse-request.ts';

export type OrderLine = InventoryReserved['items'][number];

export type LineCheck = { ok: true; lines: OrderLine[] } | { ok: false; reasons: RejectionLine[] };

function isValidQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity > 0 && quantity <= MAX_QUANTITY_PER_LINE;
}

export function checkOrderLines(items: ReceivedOrder['items']): LineCheck {
  const invalid = items
    .filter((line) => !isValidQuantity(line.quantity))
    .map(
      (line): RejectionLine => ({
        sku: line.sku,
        reason: 'INVALID_QUANTITY',
        requested: line.quantity,
      }),
    );
  if (invalid.length > 0) return { ok: false, reasons: invalid };

  const merged = new Map<string, number>();
  for (const line of items) merged.set(line.sku, (merged.get(line.sku) ?? 0) + line.quantity);
  const lines = [...merged].map(([sku, quantity]) => ({ sku, quantity }));

  if (lines.length > MAX_LINES_PER_ORDER) {
    return {
      ok: false,
      reasons: [
        { reason: 'TOO_MANY_LINES', requested: lines.length, available: MAX_LINES_PER_ORDER },
      ],
    };
  }
  const overMerged = lines
    .filter((line) => line.quantity > MAX_QUANTITY_PER_LINE)
    .map(
      (line): RejectionLine => ({
        sku: line.sku,
        reason: 'INVALID_QUANTITY',
        requested: line.quantity,
      }),
    );
  if (overMerged.length > 0) return { ok: false, reasons: overMerged };

  return { ok: true, lines };
}
