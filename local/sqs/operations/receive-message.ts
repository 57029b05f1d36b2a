/** ReceiveMessage: validation, long polling through the queue's waiters, and shaping the answer. */
import { selectMessageAttributes } from '../message-attributes.ts';
import type { Queue, ReceivedMessage } from '../queue.ts';
import {
  optionalInteger,
  resolveQueue,
  type SqsCall,
  type SqsEnvironment,
  type SqsInput,
  type SqsOutput,
  stringList,
} from './context.ts';

export interface ReceiveOptions {
  maxMessages: number;
  waitTimeSeconds: number;
  visibilityTimeoutSeconds: number;
  systemAttributeNames: string[];
  messageAttributeNames: string[];
}

function systemAttributes(
  received: ReceivedMessage,
  requestedNames: string[],
): Record<string, string> | undefined {
  if (requestedNames.length === 0) return undefined;
  const { message } = received;
  const available: Record<string, string> = {
    ...message.fixedSystemAttributes,
    SentTimestamp: String(message.sentTimestampMs),
    ApproximateReceiveCount: String(received.receiveCount),
    ApproximateFirstReceiveTimestamp: String(received.firstReceiveTimestampMs),
  };
  if (requestedNames.includes('All')) return available;
  const selected: Record<string, string> = {};
  for (const name of requestedNames)
    if (available[name] !== undefined) selected[name] = available[name];
  return Object.keys(selected).length > 0 ? selected : undefined;
}

/** One received message in the JSON protocol's shape. */
export function renderReceived(received: ReceivedMessage, options: ReceiveOptions): SqsOutput {
  const { message } = received;
  const rendered: SqsOutput = {
    MessageId: message.messageId,
    ReceiptHandle: received.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const attributes = systemAttributes(received, options.systemAttributeNames);
  if (attributes) rendered.Attributes = attributes;
  const messageAttributes = selectMessageAttributes(
    message.messageAttributes,
    options.messageAttributeNames,
  );
  if (messageAttributes) {
    rendered.MD5OfMessageAttributes = message.md5OfMessageAttributes;
    rendered.MessageAttributes = messageAttributes;
  }
  return rendered;
}

export function receiveOptions(queue: Queue, input: SqsInput): ReceiveOptions {
  return {
    maxMessages: optionalInteger(input, 'MaxNumberOfMessages', 1, 10) ?? 1,
    waitTimeSeconds:
      optionalInteger(input, 'WaitTimeSeconds', 0, 20) ??
      queue.settings.receiveMessageWaitTimeSeconds,
    visibilityTimeoutSeconds:
      optionalInteger(input, 'VisibilityTimeout', 0, 43_200) ??
      queue.settings.visibilityTimeoutSeconds,
    systemAttributeNames: [
      ...stringList(input, 'AttributeNames'),
      ...stringList(input, 'MessageSystemAttributeNames'),
    ],
    messageAttributeNames: stringList(input, 'MessageAttributeNames'),
  };
}

export async function ReceiveMessage(
  env: SqsEnvironment,
  call: SqsCall,
  input: SqsInput,
): Promise<SqsOutput> {
  const queue = resolveQueue(env, call, input);
  const options = receiveOptions(queue, input);
  const received = await queue.receive(
    options.maxMessages,
    options.visibilityTimeoutSeconds,
    options.waitTimeSeconds,
  );
  if (received.length === 0) return {};
  return { Messages: received.map((r) => renderReceived(r, options)) };
}
