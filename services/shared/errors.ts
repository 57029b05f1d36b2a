/**
 * The services' error registry: one stable code per failure, its HTTP status, and a message that
 * says what to send instead. Every error answer has the shape `{"error":{"code","message"}}`.
 */

export const SERVICE_ERRORS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_ID: 400,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ServiceErrorCode = keyof typeof SERVICE_ERRORS;

export interface ErrorBody {
  error: { code: ServiceErrorCode; message: string; details?: unknown };
}

export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly statusCode: number;

  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.statusCode = SERVICE_ERRORS[code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { error: { code: this.code, message: this.message } };
    if (this.details !== undefined) body.error.details = this.details;
    return body;
  }
}
