/** What every operation gets: the service's state and settings, and who is calling. */
import type { Logger } from '../../../src/shared/logger.ts';
import { missingParameter, outOfRange, queueDoesNotExist } from '../errors.ts';
import type { Queue } from '../queue.ts';
import { parseQueueUrl } from '../queue-url.ts';
import type { QueueStore } from '../store.ts';

export interface SqsEnvironment {
  store: QueueStore;
  logger: Logger;
  now(): number;
  /** The largest MaximumMessageSize a queue may have (and its default). */
  maxMessageSizeBytes: number;
}

export interface SqsCall {
  region: string;
  accountId: string;
  /** `http://host:port` the client reached us on; queue URLs are built from it. */
  origin: string;
  /** The SenderId system attribute of messages sent in this call. */
  senderId: string;
}

/** Operation input in the JSON protocol's shape; the query protocol is converted to it first. */
export type SqsInput = Record<string, unknown>;
export type SqsOutput = Record<string, unknown>;

export type SqsOperation = (
  env: SqsEnvironment,
  call: SqsCall,
  input: SqsInput,
) => SqsOutput | Promise<SqsOutput>;

export function requireString(input: SqsInput, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  return String(value);
}

/** An integer parameter within [min, max]; JSON sends numbers, the query protocol strings. */
export function optionalInteger(
  input: SqsInput,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const raw = input[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw outOfRange(name, raw, min, max);
  return value;
}

export function stringList(input: SqsInput, name: string): string[] {
  const value = input[name];
  return Array.isArray(value) ? value.map(String) : [];
}

export function stringMap(input: SqsInput, name: string): Record<string, string> {
  const value = input[name];
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

export function resolveQueue(env: SqsEnvironment, call: SqsCall, input: SqsInput): Queue {
  const key = parseQueueUrl(requireString(input, 'QueueUrl'), call);
  const queue = env.store.get(key);
  if (!queue) throw queueDoesNotExist();
  return queue;
}
