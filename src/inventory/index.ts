/** The inventory reservation core: what the Lambda handler and the worker import. */
export { createInventoryReserver } from './clients.ts';
export { OutcomePublishError, PoisonMessageError, ReservationConflictError } from './errors.ts';
export { type InventoryAnswer, InventoryReserver } from './inventory-reserver.ts';
export type { ReservationOutcome } from './outcome.ts';
export {
  HEALTH_CHECK_DETAIL_TYPE,
  parseInventoryMessageBody,
  parseInventoryRequest,
} from './parse-request.ts';
