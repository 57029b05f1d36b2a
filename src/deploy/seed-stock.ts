/**
 * Seeds stock for every SKU of the generated catalogue. A row that exists is left alone, so a
 * redeploy or a mode flip never resets stock that orders have already reserved.
 */
import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { listCatalogueSkus } from '../../services/catalog/catalogue.ts';
import { INVENTORY_TABLE_NAME, stockKey } from '../shared/names.ts';

/** Enough for the load tests' full 800 rps steps without running out. */
export const DEFAULT_STOCK_PER_SKU = 1_000_000;
const PARALLEL_WRITES = 32;

export interface SeedResult {
  created: number;
  kept: number;
}

export async function seedStock(
  dynamodb: DynamoDBClient,
  { stockPerSku = DEFAULT_STOCK_PER_SKU, skus = listCatalogueSkus() } = {},
): Promise<SeedResult> {
  const result: SeedResult = { created: 0, kept: 0 };
  const stockItem = (sku: string) => ({
    pk: { S: stockKey(sku) },
    sku: { S: sku },
    stock: { N: String(stockPerSku) },
    reserved: { N: '0' },
  });

  // A new, empty table takes batches of 25: a first deploy seeds 5,000 SKUs in 200 requests.
  const probe = await dynamodb.send(new ScanCommand({ TableName: INVENTORY_TABLE_NAME, Limit: 1 }));
  if (!probe.Items?.length) {
    for (let i = 0; i < skus.length; i += 25) {
      let pending = skus.slice(i, i + 25).map((sku) => ({ PutRequest: { Item: stockItem(sku) } }));
      while (pending.length) {
        const answer = await dynamodb.send(
          new BatchWriteItemCommand({ RequestItems: { [INVENTORY_TABLE_NAME]: pending } }),
        );
        pending = (answer.UnprocessedItems?.[INVENTORY_TABLE_NAME] ?? []) as typeof pending;
      }
    }
    return { created: skus.length, kept: 0 };
  }

  // Otherwise one conditional put per SKU, so rows that exist keep the stock orders have taken.
  let next = 0;
  const worker = async () => {
    while (next < skus.length) {
      const sku = skus[next++]!;
      try {
        await dynamodb.send(
          new PutItemCommand({
            TableName: INVENTORY_TABLE_NAME,
            Item: stockItem(sku),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        result.created++;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
        result.kept++;
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_WRITES }, worker));
  return result;
}
