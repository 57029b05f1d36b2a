/** The answer to one order: the detail-type and detail of the event inventory publishes. */
import type { InventoryReservationFailed, InventoryReserved } from '../shared/events.ts';
import { DETAIL_TYPE } from '../shared/names.ts';

export type ReservationOutcome =
  | { detailType: typeof DETAIL_TYPE.inventoryReserved; detail: InventoryReserved }
  | {
      detailType: typeof DETAIL_TYPE.inventoryReservationFailed;
      detail: InventoryReservationFailed;
    };

export type RejectionLine = InventoryReservationFailed['reasons'][number];

export function reservedOutcome(
  orderId: string,
  items: InventoryReserved['items'],
  reservedAt: string,
): ReservationOutcome {
  return { detailType: DETAIL_TYPE.inventoryReserved, detail: { orderId, items, reservedAt } };
}

export function failedOutcome(
  orderId: string,
  reasons: RejectionLine[],
  failedAt: string,
): ReservationOutcome {
  return {
    detailType: DETAIL_TYPE.inventoryReservationFailed,
    detail: { orderId, reasons, failedAt },
  };
}
