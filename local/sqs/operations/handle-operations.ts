/** The operations that act on a received message through its receipt handle. */
import { AwsError } from '../../errors.ts';
import {
  invalidParameterValue,
  missingParameter,
  outOfRange,
  receiptHandleIsInvalid,
} from '../errors.ts';
import type { Queue, StoredMessage } from '../queue.ts';
import { decodeReceiptHandle, type ReceiptHandleParts } from '../receipt-handle.ts';
import { runBatch } from './batch.ts';
import {
  requireString,
  resolveQueue,
  type SqsCall,
  type SqsEnvironment,
  type SqsInput,
  type SqsOutput,
} from './context.ts';

const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

/** A handle this queue issued, or ReceiptHandleIsInvalid (malformed, or from another queue). */
function parseHandle(queue: Queue, handle: string): ReceiptHandleParts {
  const parts = decodeReceiptHandle(handle);
  if (!parts || parts.queueArn !== queue.arn) throw receiptHandleIsInvalid(handle);
  return parts;
}

/** A stale but well-formed handle still deletes (AWS: "succeeds, but may not delete"); gone is a no-op. */
export function deleteByHandle(queue: Queue, handle: string): void {
  queue.delete(parseHandle(queue, handle).messageId);
}

export function changeVisibilityByHandle(queue: Queue, handle: string, rawSeconds: unknown): void {
  if (rawSeconds === undefined || rawSeconds === null || rawSeconds === '')
    throw missingParameter('VisibilityTimeout');
  const seconds = Number(rawSeconds);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw outOfRange('VisibilityTimeout', rawSeconds, 0, MAX_VISIBILITY_TIMEOUT_SECONDS);
  }
  const parts = parseHandle(queue, handle);
  const message: StoredMessage | undefined = queue.getMessage(parts.messageId);
  if (!message) {
    throw invalidParameterValue(
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    );
  }
  if (message.state !== 'inflight') {
    throw new AwsError('MessageNotInflight', 'The message referred to is not in flight.');
  }
  if (message.receiveSequence !== parts.receiveSequence) {
    throw invalidParameterValue(
      `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    );
  }
  queue.changeVisibility(message, seconds);
}

export function DeleteMessage(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  deleteByHandle(resolveQueue(env, call, input), requireString(input, 'ReceiptHandle'));
  return {};
}

export function DeleteMessageBatch(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  return runBatch(input, (entry) => {
    deleteByHandle(queue, requireString(entry, 'ReceiptHandle'));
    return {};
  });
}

export function ChangeMessageVisibility(
  env: SqsEnvironment,
  call: SqsCall,
  input: SqsInput,
): SqsOutput {
  const queue = resolveQueue(env, call, input);
  changeVisibilityByHandle(queue, requireString(input, 'ReceiptHandle'), input.VisibilityTimeout);
  return {};
}

export function ChangeMessageVisibilityBatch(
  env: SqsEnvironment,
  call: SqsCall,
  input: SqsInput,
): SqsOutput {
  const queue = resolveQueue(env, call, input);
  return runBatch(input, (entry) => {
    changeVisibilityByHandle(queue, requireString(entry, 'ReceiptHandle'), entry.VisibilityTimeout);
    return {};
  });
}
