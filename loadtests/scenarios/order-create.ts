/**
 * `order-create`: the seed's order test. `POST /orders` with 1 to 5 lines of real SKUs and a
 * random customer. SKUs come from the catalog service when it answers (`catalogUrl`, default
 * http://127.0.0.1:8080), else from `--option skus=` or the fallback list in skus.ts.
 *
 * Options: `customers` (distinct customer ids, default 1000), `catalogUrl`, `skus`.
 */
import { createHttpClient } from '../runner/http-client.ts';
import { DEFAULT_CATALOG_URL, numberOption, productItems } from './catalog-products.ts';
import { loadtestSkus, randomOrderLines } from './skus.ts';
import type { Scenario } from './types.ts';

export const DEFAULT_ORDER_URL = 'http://127.0.0.1:8081';

export const orderCreate: Scenario = {
  name: 'order-create',
  description: 'POST /orders with 1-5 lines of real SKUs on the order service',
  async setup(ctx) {
    const baseUrl = ctx.baseUrl ?? DEFAULT_ORDER_URL;
    const customers = numberOption(ctx.options, 'customers', 1000, 1, 10_000_000);
    const catalogUrl = ctx.options.catalogUrl ?? DEFAULT_CATALOG_URL;
    const fromCatalog = ctx.options.skus ? [] : await fetchCatalogSkus(catalogUrl);
    const skus = fromCatalog.length > 0 ? fromCatalog : loadtestSkus(ctx.options);
    const skuSource = fromCatalog.length > 0 ? catalogUrl : ctx.options.skus ? 'option' : 'fallback list';
    if (skuSource === 'fallback list') {
      ctx.logger.warn({ catalogUrl }, 'catalog did not answer; ordering the fallback SKU list');
    }
    const client = createHttpClient(baseUrl, Math.min(ctx.maxInFlight, 256));

    return {
      request(_i, signal) {
        const customerId = `loadtest-customer-${Math.floor(Math.random() * customers)}`;
        return client.postJson('/orders', { customerId, items: randomOrderLines(skus) }, signal);
      },
      describe: () => ({ baseUrl, customers, skuSource, skuCount: skus.length }),
      teardown: () => client.close(),
    };
  },
};

/** SKUs from the first catalog pages, or none when the catalog does not answer. */
async function fetchCatalogSkus(catalogUrl: string): Promise<string[]> {
  try {
    const skus: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const response = await fetch(new URL(`/products?page=${page}&size=50`, catalogUrl));
      if (!response.ok) break;
      for (const item of productItems(await response.json())) {
        if (typeof item.sku === 'string') skus.push(item.sku);
      }
    }
    return skus;
  } catch {
    return [];
  }
}
