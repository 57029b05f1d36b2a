/**
 * Handles one received batch: every message at once, each on its own. Only the messages that were
 * handled are returned, so sqs-consumer deletes just those; the rest become visible again after
 * the visibility timeout and, past maxReceiveCount, move to the DLQ by the queue's redrive policy.
 */
import type { Message } from '@aws-sdk/client-sqs';
import {
  type InventoryReserver,
  PoisonMessageError,
  parseInventoryMessageBody,
} from '../inventory/index.ts';
import type { Logger } from '../shared/logger.ts';

export type BatchHandler = (messages: Message[]) => Promise<Message[]>;

export function createBatchHandler(reserver: InventoryReserver, logger: Logger): BatchHandler {
  return async (messages) => {
    // async, so a message that fails to parse rejects its own promise rather than the whole batch.
    const results = await Promise.allSettled(
      messages.map(async (message) =>
        reserver.handle(parseInventoryMessageBody(message.Body ?? '')),
      ),
    );
    const handled: Message[] = [];
    results.forEach((result, index) => {
      const message = messages[index];
      if (result.status === 'fulfilled') {
        handled.push(message);
        return;
      }
      const poison = result.reason instanceof PoisonMessageError;
      logger[poison ? 'warn' : 'error'](
        {
          messageId: message.MessageId,
          receiveCount: message.Attributes?.ApproximateReceiveCount,
          poison,
          error: (result.reason as Error).message,
        },
        poison ? 'poison message left for the DLQ' : 'message failed, left for redelivery',
      );
    });
    return handled;
  };
}
