/** Failures of inventory reservation, one class each. */

/**
 * The input can never be handled (not JSON, not an EventBridge envelope, detail fails its schema).
 * Retrying will not help: the message is reported as failed and ends in the DLQ by redrive.
 */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

/** PutEvents kept failing for the outcome event; the order must be retried so the event is not lost. */
export class OutcomePublishError extends Error {
  override readonly name = 'OutcomePublishError';

  constructor(
    readonly orderId: string,
    readonly errorCode: string | undefined,
    attempts: number,
  ) {
    super(
      `Could not publish the outcome of order ${orderId} after ${attempts} attempts ` +
        `(last error ${errorCode ?? 'unknown'}); the order will be retried.`,
    );
  }
}

/** Concurrent transactions kept conflicting on the same items; the order must be retried. */
export class ReservationConflictError extends Error {
  override readonly name = 'ReservationConflictError';

  constructor(
    readonly orderId: string,
    attempts: number,
  ) {
    super(
      `Order ${orderId} kept conflicting with other transactions after ${attempts} attempts; it will be retried.`,
    );
  }
}
