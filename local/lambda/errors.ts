/**
 * Lambda's restJson1 error shape: the code in `x-amzn-errortype` and a body with `Type` and
 * `Message`. SDK v3 reads the lower-case `message`, so both spellings are sent.
 */
import { AwsError } from '../errors.ts';
import type { AwsResponse } from '../types.ts';

export function lambdaErrorResponse(err: AwsError): AwsResponse {
  const type = err.status >= 500 ? 'Service' : 'User';
  return {
    status: err.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': err.code,
      ...err.headers,
    },
    body: JSON.stringify({ Type: type, Message: err.message, message: err.message, ...err.extra }),
  };
}

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, 404);
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message, 400);
}

export function resourceConflict(message: string): AwsError {
  return new AwsError('ResourceConflictException', message, 409);
}

/** AWS's wording for a model constraint, e.g. `Member must have value less than or equal to 900`. */
export function validationError(field: string, value: unknown, constraint: string): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`,
    400,
  );
}

/** Checks an optional integer against an inclusive range, naming both in the error. */
export function checkIntegerRange(
  field: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw validationError(field, value, 'Member must be an integer');
  }
  if (value < min) {
    throw validationError(field, value, `Member must have value greater than or equal to ${min}`);
  }
  if (value > max) {
    throw validationError(field, value, `Member must have value less than or equal to ${max}`);
  }
  return value;
}
