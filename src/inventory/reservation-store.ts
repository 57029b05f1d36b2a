/**
 * The inventory table as the reservation core uses it: one transaction that takes stock for every
 * line and writes the order's reservation record, and the record alone for rejections. The
 * record's `attribute_not_exists(pk)` is what makes a repeated order.placed harmless: whoever
 * writes it first fixes the outcome, and every later delivery reads that outcome back.
 */
import {
  type AttributeValue,
  type CancellationReason,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { reservationKey, stockKey } from '../shared/names.ts';
import type { OrderLine } from './check-lines.ts';
import type { RejectionLine, ReservationOutcome } from './outcome.ts';

export type ReserveResult =
  | { kind: 'reserved' }
  /** The reservation record already existed: this order was answered before. */
  | { kind: 'repeat'; outcome: ReservationOutcome }
  | { kind: 'rejected'; reasons: RejectionLine[] }
  /** Cancelled only by concurrent transactions on the same items: try again. */
  | { kind: 'conflict' };

function reservationItem(
  orderId: string,
  outcome: ReservationOutcome,
  recordedAt: string,
): Record<string, AttributeValue> {
  return {
    pk: { S: reservationKey(orderId) },
    orderId: { S: orderId },
    // The whole event as it was published, so a repeat publishes exactly the same event again.
    outcome: { S: JSON.stringify(outcome) },
    status: { S: outcome.detailType },
    recordedAt: { S: recordedAt },
  };
}

function outcomeFromItem(
  item: Record<string, AttributeValue> | undefined,
): ReservationOutcome | undefined {
  const stored = item?.outcome?.S;
  return stored ? (JSON.parse(stored) as ReservationOutcome) : undefined;
}

export class ReservationStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /** One TransactWriteItems: every line `stock >= qty` and decremented, plus the reservation record. */
  async reserve(
    orderId: string,
    lines: OrderLine[],
    outcome: ReservationOutcome,
    recordedAt: string,
  ): Promise<ReserveResult> {
    const stockUpdates: TransactWriteItem[] = lines.map((line) => ({
      Update: {
        TableName: this.tableName,
        Key: { pk: { S: stockKey(line.sku) } },
        ConditionExpression: 'attribute_exists(pk) AND stock >= :qty',
        UpdateExpression:
          'SET stock = stock - :qty, reserved = if_not_exists(reserved, :zero) + :qty',
        ExpressionAttributeValues: { ':qty': { N: String(line.quantity) }, ':zero': { N: '0' } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    }));
    const recordPut: TransactWriteItem = {
      Put: {
        TableName: this.tableName,
        Item: reservationItem(orderId, outcome, recordedAt),
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
    try {
      await this.client.send(
        new TransactWriteItemsCommand({ TransactItems: [...stockUpdates, recordPut] }),
      );
      return { kind: 'reserved' };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      return this.explainCancellation(orderId, lines, err.CancellationReasons ?? []);
    }
  }

  /** Writes the record of a rejection; answers the stored outcome instead when one already exists. */
  async recordOutcome(
    orderId: string,
    outcome: ReservationOutcome,
    recordedAt: string,
  ): Promise<ReservationOutcome> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: reservationItem(orderId, outcome, recordedAt),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return outcome;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      return this.storedOutcome(orderId);
    }
  }

  async storedOutcome(orderId: string): Promise<ReservationOutcome> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: { S: reservationKey(orderId) } },
        ConsistentRead: true,
      }),
    );
    const outcome = outcomeFromItem(Item);
    if (!outcome)
      throw new Error(`Reservation record of order ${orderId} exists but holds no outcome`);
    return outcome;
  }

  /** CancellationReasons line up with TransactItems: the stock lines, then the reservation record. */
  private async explainCancellation(
    orderId: string,
    lines: OrderLine[],
    reasons: CancellationReason[],
  ): Promise<ReserveResult> {
    const recordReason = reasons[lines.length];
    if (recordReason?.Code === 'ConditionalCheckFailed') {
      return {
        kind: 'repeat',
        outcome: outcomeFromItem(recordReason.Item) ?? (await this.storedOutcome(orderId)),
      };
    }

    const rejected: RejectionLine[] = [];
    lines.forEach((line, index) => {
      const reason = reasons[index];
      if (reason?.Code !== 'ConditionalCheckFailed') return;
      const stock = reason.Item?.stock?.N;
      rejected.push(
        stock === undefined
          ? { sku: line.sku, reason: 'UNKNOWN_SKU', requested: line.quantity }
          : {
              sku: line.sku,
              reason: 'INSUFFICIENT_STOCK',
              requested: line.quantity,
              available: Number(stock),
            },
      );
    });
    if (rejected.length > 0) return { kind: 'rejected', reasons: rejected };

    if (reasons.some((reason) => reason.Code === 'TransactionConflict'))
      return { kind: 'conflict' };
    const codes = reasons.map((reason) => reason.Code ?? 'None').join(', ');
    throw new Error(
      `Transaction for order ${orderId} was cancelled for an unexpected reason: [${codes}]`,
    );
  }
}
