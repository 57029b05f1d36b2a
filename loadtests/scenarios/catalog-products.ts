/**
 * `catalog-products`: the seed's catalog test. Mostly `GET /products?page=&size=` over random
 * pages and sizes, plus a share of `GET /products/:id` over the whole generated catalogue.
 *
 * Options: `detailRatio` (0..1, default 0.2), `sizes` (default 10,20,50), `productCount`
 * (default the generated catalogue's PRODUCT_COUNT; pages stay within it).
 */
import { PRODUCT_COUNT } from '../../services/catalog/catalogue.ts';
import { createHttpClient } from '../runner/http-client.ts';
import { numberListOption, numberOption } from './scenario-options.ts';
import type { Scenario } from './types.ts';

export const DEFAULT_CATALOG_URL = 'http://127.0.0.1:8080';

export const catalogProducts: Scenario = {
  name: 'catalog-products',
  description: 'GET /products pages and GET /products/:id on the catalog service',
  async setup(ctx) {
    const baseUrl = ctx.baseUrl ?? DEFAULT_CATALOG_URL;
    const detailRatio = numberOption(ctx.options, 'detailRatio', 0.2, 0, 1);
    const sizes = numberListOption(ctx.options, 'sizes', [10, 20, 50]);
    const productCount = numberOption(ctx.options, 'productCount', PRODUCT_COUNT, 1, 100_000_000);
    const client = createHttpClient(baseUrl, Math.min(ctx.maxInFlight, 256));

    return {
      request(_i, signal) {
        if (Math.random() < detailRatio) {
          const id = 1 + Math.floor(Math.random() * productCount);
          return client.get(`/products/${id}`, signal);
        }
        const size = sizes[Math.floor(Math.random() * sizes.length)];
        const page = 1 + Math.floor(Math.random() * Math.ceil(productCount / size));
        return client.get(`/products?page=${page}&size=${size}`, signal);
      },
      describe: () => ({ baseUrl, detailRatio, sizes, productCount }),
      teardown: () => client.close(),
    };
  },
};
