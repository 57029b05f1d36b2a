/** Every SQS operation the local cloud serves, by the name AWS gives it. */
import type { SqsOperation } from './context.ts';
import {
  ChangeMessageVisibility,
  ChangeMessageVisibilityBatch,
  DeleteMessage,
  DeleteMessageBatch,
} from './handle-operations.ts';
import {
  CreateQueue,
  DeleteQueue,
  GetQueueAttributes,
  GetQueueUrl,
  ListQueues,
  ListQueueTags,
  PurgeQueue,
  SetQueueAttributes,
  TagQueue,
  UntagQueue,
} from './queue-operations.ts';
import { ReceiveMessage } from './receive-message.ts';
import { SendMessage, SendMessageBatch } from './send-message.ts';

export const SQS_OPERATIONS: Record<string, SqsOperation> = {
  CreateQueue,
  GetQueueUrl,
  ListQueues,
  GetQueueAttributes,
  SetQueueAttributes,
  PurgeQueue,
  DeleteQueue,
  TagQueue,
  UntagQueue,
  ListQueueTags,
  SendMessage,
  SendMessageBatch,
  ReceiveMessage,
  DeleteMessage,
  DeleteMessageBatch,
  ChangeMessageVisibility,
  ChangeMessageVisibilityBatch,
};
