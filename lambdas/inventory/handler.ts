/**
 * The inventory Lambda. One function, two ways in:
 * - an EventBridge event (the `order.placed` rule in lambda mode, or a direct Invoke, or a
 *   health check): answers with the outcome, throws when the event is poison;
 * - an SQS batch (an event source mapping on the inventory queue): each record is handled on its
 *   own, and failures are reported per record (ReportBatchItemFailures) so only they come back.
 */
import middy from '@middy/core';
import {
  createInventoryReserver,
  type InventoryAnswer,
  type InventoryReserver,
  PoisonMessageError,
  parseInventoryMessageBody,
  parseInventoryRequest,
} from '../../src/inventory/index.ts';
import { createLogger, type Logger } from '../../src/shared/logger.ts';

interface SqsRecord {
  messageId: string;
  body: string;
  eventSource?: string;
}

interface SqsEvent {
  Records: SqsRecord[];
}

export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

function isSqsEvent(event: unknown): event is SqsEvent {
  return typeof event === 'object' && event !== null && Array.isArray((event as SqsEvent).Records);
}

async function handleSqsBatch(
  reserver: InventoryReserver,
  logger: Logger,
  event: SqsEvent,
): Promise<SqsBatchResponse> {
  // async, so a record that fails to parse rejects its own promise rather than the whole batch.
  const results = await Promise.allSettled(
    event.Records.map(async (record) => reserver.handle(parseInventoryMessageBody(record.body))),
  );
  const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') return;
    const { messageId } = event.Records[index];
    const poison = result.reason instanceof PoisonMessageError;
    logger[poison ? 'warn' : 'error'](
      { messageId, poison, error: (result.reason as Error).message },
      poison ? 'poison record left for the DLQ' : 'record failed, will be retried',
    );
    batchItemFailures.push({ itemIdentifier: messageId });
  });
  return { batchItemFailures };
}

export function createInventoryHandler(reserver: InventoryReserver, logger: Logger) {
  return middy(async (event: unknown): Promise<InventoryAnswer | SqsBatchResponse> => {
    if (isSqsEvent(event)) return handleSqsBatch(reserver, logger, event);
    try {
      return await reserver.handle(parseInventoryRequest(event));
    } catch (err) {
      const eventId = (event as { id?: unknown } | null)?.id;
      logger.warn({ eventId, error: (err as Error).message }, 'event not handled');
      throw err;
    }
  });
}

const logger = createLogger('inventory-lambda');
export const handler = createInventoryHandler(createInventoryReserver({ logger }), logger);
