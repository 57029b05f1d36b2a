/** SendMessage and SendMessageBatch, sharing one validation path per message. */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import { invalidParameterValue } from '../errors.ts';
import { md5OfBody, md5OfMessageAttributes } from '../md5.ts';
import { messageAttributesSizeBytes, validateMessageAttributes } from '../message-attributes.ts';
import type { Queue, StoredMessage } from '../queue.ts';
import { batchEntries, failedEntry } from './batch.ts';
import {
  optionalInteger,
  requireString,
  resolveQueue,
  type SqsCall,
  type SqsEnvironment,
  type SqsInput,
  type SqsOutput,
} from './context.ts';

/** The characters SQS accepts in a body: https://www.w3.org/TR/REC-xml/#charsets */
const INVALID_BODY_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

interface PreparedMessage {
  message: StoredMessage;
  delaySeconds: number;
  sizeBytes: number;
}

function traceHeader(input: SqsInput): Record<string, string> {
  const systemAttributes = input.MessageSystemAttributes as
    | Record<string, { StringValue?: string }>
    | undefined;
  const trace = systemAttributes?.AWSTraceHeader?.StringValue;
  return trace ? { AWSTraceHeader: trace } : {};
}

/** Validates one message's parameters and builds it, without touching the queue. */
function prepareMessage(
  queue: Queue,
  call: SqsCall,
  input: SqsInput,
  now: number,
): PreparedMessage {
  const body = requireString(input, 'MessageBody');
  if (INVALID_BODY_CHARACTER.test(body)) {
    throw new AwsError(
      'InvalidMessageContents',
      'Invalid characters found. The message body may only contain #x9, #xA, #xD, #x20 to #xD7FF, #xE000 to #xFFFD and #x10000 to #x10FFFF.',
    );
  }
  const delaySeconds =
    optionalInteger(input, 'DelaySeconds', 0, 900) ?? queue.settings.delaySeconds;
  const messageAttributes = validateMessageAttributes(input.MessageAttributes);
  const sizeBytes = Buffer.byteLength(body, 'utf8') + messageAttributesSizeBytes(messageAttributes);
  const maxBytes = queue.settings.maximumMessageSizeBytes;
  if (sizeBytes > maxBytes) {
    throw invalidParameterValue(
      `One or more parameters are invalid. Reason: Message must be shorter than ${maxBytes} bytes.`,
    );
  }
  return {
    delaySeconds,
    sizeBytes,
    message: {
      messageId: randomUUID(),
      body,
      md5OfBody: md5OfBody(body),
      messageAttributes,
      md5OfMessageAttributes: md5OfMessageAttributes(messageAttributes),
      fixedSystemAttributes: { SenderId: call.senderId, ...traceHeader(input) },
      sentTimestampMs: now,
      receiveCount: 0,
      state: 'ready',
      receiveSequence: 0,
      generation: 0,
    },
  };
}

function sendResult(message: StoredMessage): SqsOutput {
  const result: SqsOutput = { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
  if (message.md5OfMessageAttributes)
    result.MD5OfMessageAttributes = message.md5OfMessageAttributes;
  return result;
}

/** Sends to a queue already resolved; the in-process backend (EventBridge) comes in here too. */
export function sendToQueue(
  env: SqsEnvironment,
  call: SqsCall,
  queue: Queue,
  input: SqsInput,
): SqsOutput {
  const prepared = prepareMessage(queue, call, input, env.now());
  queue.enqueue(prepared.message, prepared.delaySeconds);
  return sendResult(prepared.message);
}

export function SendMessage(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  return sendToQueue(env, call, resolveQueue(env, call, input), input);
}

export function SendMessageBatch(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  const now = env.now();
  const prepared = new Map<string, PreparedMessage | AwsError>();
  let totalBytes = 0;
  // Every entry is checked before any is sent, because an oversize total fails the whole batch.
  for (const entry of batchEntries(input)) {
    try {
      const message = prepareMessage(queue, call, entry, now);
      totalBytes += message.sizeBytes;
      prepared.set(String(entry.Id), message);
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      prepared.set(String(entry.Id), err);
    }
  }
  if (totalBytes > queue.settings.maximumMessageSizeBytes) {
    throw new AwsError(
      'BatchRequestTooLong',
      `Batch requested too long: the messages add up to ${totalBytes} bytes; the limit is ${queue.settings.maximumMessageSizeBytes}.`,
    );
  }
  const Successful: SqsOutput[] = [];
  const Failed: SqsOutput[] = [];
  for (const [id, outcome] of prepared) {
    if (outcome instanceof AwsError) {
      Failed.push(failedEntry(id, outcome));
      continue;
    }
    queue.enqueue(outcome.message, outcome.delaySeconds);
    Successful.push({ Id: id, ...sendResult(outcome.message) });
  }
  return { Successful, Failed };
}
