/**
 * `order-create`: the seed's order test. `POST /orders` with 1 to 5 lines of real SKUs (the
 * generated catalogue's, see skus.ts) and one of `customers` random customer ids.
 *
 * Options: `customers` (distinct customer ids, default 1000), `skus`.
 */
import { generateCatalogue } from '../../services/catalog/catalogue.ts';
import { createHttpClient } from '../runner/http-client.ts';
import { numberOption } from './scenario-options.ts';
import { loadtestSkus, randomOrderLines } from './skus.ts';
import type { Scenario } from './types.ts';

/** Catalogue price of each SKU; a SKU outside the catalogue (`--option skus=`) costs 1.00. */
const PRICE_CENTS_BY_SKU = new Map(generateCatalogue().map((p) => [p.sku, p.priceCents]));
const UNKNOWN_SKU_PRICE_CENTS = 100;

/** The body of one `POST /orders`: what a shop front sends, prices included. */
export function randomOrderBody(
  skus: readonly string[],
  customers: number,
  random: () => number = Math.random,
) {
  return {
    customerId: `loadtest-customer-${Math.floor(random() * customers)}`,
    items: randomOrderLines(skus, random).map((line) => ({
      ...line,
      unitPriceCents: PRICE_CENTS_BY_SKU.get(line.sku) ?? UNKNOWN_SKU_PRICE_CENTS,
    })),
  };
}

export const DEFAULT_ORDER_URL = 'http://127.0.0.1:8081';

export const orderCreate: Scenario = {
  name: 'order-create',
  description: 'POST /orders with 1-5 lines of real SKUs on the order service',
  async setup(ctx) {
    const baseUrl = ctx.baseUrl ?? DEFAULT_ORDER_URL;
    const customers = numberOption(ctx.options, 'customers', 1000, 1, 10_000_000);
    const skus = loadtestSkus(ctx.options);
    const client = createHttpClient(baseUrl, Math.min(ctx.maxInFlight, 256));

    return {
      request(_i, signal) {
        return client.postJson('/orders', randomOrderBody(skus, customers), signal);
      },
      describe: () => ({ baseUrl, customers, skuCount: skus.length }),
      teardown: () => client.close(),
    };
  },
};
