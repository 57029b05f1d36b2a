/**
 * Input checks shared by the operations. Messages follow AWS's model-validation wording so
 * clients see what they would see from AWS, and they name the allowed shape and the value received.
 */
import { AwsError } from '../errors.ts';

export type Input = Record<string, unknown>;

export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function constraintError(member: string, value: unknown, constraint: string): AwsError {
  return validationError(
    `1 validation error detected: Value ${JSON.stringify(value) ?? 'null'} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

export function requireString(input: Input, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value.length === 0) {
    throw constraintError(member, value, 'Member must not be null');
  }
  return value;
}

export function optionalString(input: Input, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw constraintError(member, value, 'Member must be a string');
  return value;
}

const NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;

/** Rule names and target ids: `[\.\-_A-Za-z0-9]+`, 1 to 64 characters. */
export function requireName(input: Input, member: string, maxLength = 64): string {
  const value = requireString(input, member);
  if (value.length > maxLength) {
    throw constraintError(
      member,
      value,
      `Member must have length less than or equal to ${maxLength}`,
    );
  }
  if (!NAME_PATTERN.test(value)) {
    throw constraintError(
      member,
      value,
      'Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+',
    );
  }
  return value;
}

export function requireList(input: Input, member: string, min: number, max: number): unknown[] {
  const value = input[member];
  if (!Array.isArray(value)) throw constraintError(member, value, 'Member must not be null');
  if (value.length < min) {
    throw constraintError(member, value, `Member must have length greater than or equal to ${min}`);
  }
  if (value.length > max) {
    throw constraintError(member, value, `Member must have length less than or equal to ${max}`);
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
