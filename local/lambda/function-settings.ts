/**
 * The configurable parts of a function, read from a CreateFunction or
 * UpdateFunctionConfiguration body. Only fields present in the body are returned, so an update
 * changes just those.
 */
import { checkIntegerRange, invalidParameter } from './errors.ts';
import { RESERVED_ENVIRONMENT_KEYS } from './lambda-function.ts';
import { checkRuntime } from './runtimes.ts';

export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_SIZE_MB = 128;
const MAX_TIMEOUT_SECONDS = 900;

export interface FunctionSettings {
  runtime?: string;
  handler?: string;
  role?: string;
  description?: string;
  timeoutSeconds?: number;
  memorySizeMb?: number;
  environment?: Record<string, string>;
  /** `null` removes the dead-letter queue. */
  deadLetterTargetArn?: string | null;
}

export function readFunctionSettings(body: Record<string, unknown>): FunctionSettings {
  const settings: FunctionSettings = {};
  if (body.Runtime !== undefined) settings.runtime = checkRuntime(body.Runtime);
  if (body.Handler !== undefined) settings.handler = checkHandler(body.Handler);
  if (typeof body.Role === 'string') settings.role = body.Role;
  if (typeof body.Description === 'string') settings.description = body.Description;
  settings.timeoutSeconds = checkIntegerRange('timeout', body.Timeout, 1, MAX_TIMEOUT_SECONDS);
  settings.memorySizeMb = checkIntegerRange('memorySize', body.MemorySize, 128, 10240);
  if (body.Environment !== undefined) settings.environment = checkEnvironment(body.Environment);
  if (body.DeadLetterConfig !== undefined) {
    settings.deadLetterTargetArn = checkDeadLetterTarget(body.DeadLetterConfig);
  }
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as FunctionSettings;
}

function checkHandler(handler: unknown): string {
  if (typeof handler === 'string' && /^[^\s]+\.[^\s.]+$/.test(handler) && handler.length <= 128) {
    return handler;
  }
  throw invalidParameter(
    `Handler '${String(handler)}' is not valid: use file.export, e.g. index.handler (file resolved as .js, .mjs or .cjs).`,
  );
}

function checkEnvironment(environment: unknown): Record<string, string> {
  const variables = (environment as { Variables?: unknown } | null)?.Variables ?? {};
  if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
    throw invalidParameter('Environment.Variables must be a map of strings.');
  }
  const entries = Object.entries(variables);
  const reserved = entries
    .map(([key]) => key)
    .filter((key) => RESERVED_ENVIRONMENT_KEYS.includes(key));
  if (reserved.length > 0) {
    throw invalidParameter(
      'Lambda was unable to configure your environment variables because the environment variables ' +
        'you have provided contains reserved keys that are currently not supported for modification. ' +
        `Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const nonStrings = entries.filter(([, value]) => typeof value !== 'string').map(([key]) => key);
  if (nonStrings.length > 0) {
    throw invalidParameter(
      `Environment variable values must be strings; not a string: ${nonStrings.join(', ')}.`,
    );
  }
  return Object.fromEntries(entries) as Record<string, string>;
}

function checkDeadLetterTarget(config: unknown): string | null {
  const target = (config as { TargetArn?: unknown } | null)?.TargetArn;
  if (target === undefined || target === null || target === '') return null;
  if (typeof target === 'string' && target.startsWith('arn:aws:sqs:')) return target;
  throw invalidParameter(
    `DeadLetterConfig.TargetArn '${String(target)}' is not served: the local cloud delivers dead letters to SQS queues only.`,
  );
}
