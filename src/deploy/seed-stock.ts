/**
 * Seeds stock for every SKU of the generated catalogue. A row that exists is left alone, so a
 * redeploy or a mode flip never resets stock that orders have already reserved.
 */
import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
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
  let next = 0;
  const worker = async () => {
    while (next < skus.length) {
      const sku = skus[next++]!;
      try {
        await dynamodb.send(
          new PutItemCommand({
            TableName: INVENTORY_TABLE_NAME,
            Item: { pk: { S: stockKey(sku) }, sku: { S: sku }, stock: { N: String(stockPerSku) }, reserved: { N: '0' } },
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
