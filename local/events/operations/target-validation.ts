/**
 * Checks one PutTargets entry. A problem with one entry fails only that entry (it is reported in
 * FailedEntries), so the entry's Id is known before the rest is checked.
 */
import { parseJsonPath } from '../json-path.ts';
import type { StoredTarget } from '../state.ts';
import {
  constraintError,
  isPlainObject,
  requireName,
  requireString,
  validationError,
} from '../validation.ts';

const INPUT_KEY = /^[A-Za-z0-9_-]+$/;
const MAX_INPUT_PATHS = 100;

function checkIntegerRange(member: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw constraintError(member, value, `Member must be an integer between ${min} and ${max}`);
  }
}

function checkJsonPath(targetId: string, member: string, path: unknown): void {
  if (typeof path !== 'string' || !parseJsonPath(path)) {
    throw validationError(
      `${member} for target ${targetId} is not a valid JSON path: ${JSON.stringify(path)}.`,
    );
  }
}

function checkInputTransformer(targetId: string, transformer: unknown): void {
  if (!isPlainObject(transformer))
    throw validationError(`InputTransformer for target ${targetId} must be an object.`);
  requireString(transformer, 'InputTemplate');
  const paths = transformer.InputPathsMap ?? {};
  if (!isPlainObject(paths))
    throw validationError(`InputPathsMap for target ${targetId} must be an object.`);
  const entries = Object.entries(paths);
  if (entries.length > MAX_INPUT_PATHS) {
    throw constraintError(
      'inputPathsMap',
      `${entries.length} entries`,
      `Member must have length less than or equal to ${MAX_INPUT_PATHS}`,
    );
  }
  for (const [name, path] of entries) {
    if (!INPUT_KEY.test(name) || name.startsWith('aws.')) {
      throw validationError(
        `InputPathsMap key ${name} for target ${targetId} must match [A-Za-z0-9_-]+ and not start with "aws.".`,
      );
    }
    checkJsonPath(targetId, `InputPathsMap value for ${name}`, path);
  }
}

export function validateTarget(raw: Record<string, unknown>): StoredTarget {
  const id = requireName(raw, 'Id');
  const arn = requireString(raw, 'Arn');
  if (!/^arn:aws[\w-]*:[a-z0-9-]+:/.test(arn)) {
    throw validationError(
      `Parameter Arn of target ${id} is not valid. Reason: Provided Arn is not in correct format.`,
    );
  }
  const inputForms = ['Input', 'InputPath', 'InputTransformer'].filter(
    (member) => raw[member] !== undefined,
  );
  if (inputForms.length > 1) {
    throw validationError(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${id}, got ${inputForms.join(', ')}.`,
    );
  }
  if (raw.Input !== undefined) {
    try {
      JSON.parse(requireString(raw, 'Input'));
    } catch {
      throw validationError(`Input for target ${id} is not a valid JSON text.`);
    }
  }
  if (raw.InputPath !== undefined) checkJsonPath(id, 'InputPath', raw.InputPath);
  if (raw.InputTransformer !== undefined) checkInputTransformer(id, raw.InputTransformer);

  const retry = raw.RetryPolicy;
  if (retry !== undefined) {
    if (!isPlainObject(retry))
      throw validationError(`RetryPolicy for target ${id} must be an object.`);
    checkIntegerRange('retryPolicy.maximumRetryAttempts', retry.MaximumRetryAttempts, 0, 185);
    checkIntegerRange(
      'retryPolicy.maximumEventAgeInSeconds',
      retry.MaximumEventAgeInSeconds,
      60,
      86_400,
    );
  }
  const deadLetter = raw.DeadLetterConfig;
  if (deadLetter !== undefined) {
    const deadLetterArn = isPlainObject(deadLetter) ? deadLetter.Arn : undefined;
    if (typeof deadLetterArn !== 'string' || !deadLetterArn.startsWith('arn:aws:sqs:')) {
      throw validationError(
        `DeadLetterConfig.Arn for target ${id} must be the ARN of a standard SQS queue, got ${JSON.stringify(deadLetterArn)}.`,
      );
    }
  }
  return { ...raw, Id: id, Arn: arn } as StoredTarget;
}
