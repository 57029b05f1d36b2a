/**
 * `catalog-products`: the seed's catalog test. Mostly `GET /products?page=&size=` over random
 * pages and sizes, plus a share of `GET /products/:id` for ids seen on the first pages.
 *
 * Options: `detailRatio` (0..1, default 0.2), `maxPage` (default 100), `sizes` (default 10,20,50).
 */
import { createHttpClient } from '../runner/http-client.ts';
import type { Scenario } from './types.ts';

export const DEFAULT_CATALOG_URL = 'http://127.0.0.1:8080';

export const catalogProducts: Scenario = {
  name: 'catalog-products',
  description: 'GET /products pages and GET /products/:id on the catalog service',
  async setup(ctx) {
    const baseUrl = ctx.baseUrl ?? DEFAULT_CATALOG_URL;
    const detailRatio = numberOption(ctx.options, 'detailRatio', 0.2, 0, 1);
    const maxPage = numberOption(ctx.options, 'maxPage', 100, 1, 1_000_000);
    const sizes = (ctx.options.sizes ?? '10,20,50').split(',').map(Number);
    const client = createHttpClient(baseUrl, Math.min(ctx.maxInFlight, 256));
    const ids = detailRatio > 0 ? await fetchProductIds(baseUrl) : [];
    ctx.logger.debug({ baseUrl, ids: ids.length }, 'catalog-products ready');

    return {
      request(_i, signal) {
        if (ids.length > 0 && Math.random() < detailRatio) {
          const id = ids[Math.floor(Math.random() * ids.length)];
          return client.get(`/products/${encodeURIComponent(id)}`, signal);
        }
        const page = 1 + Math.floor(Math.random() * maxPage);
        const size = sizes[Math.floor(Math.random() * sizes.length)];
        return client.get(`/products?page=${page}&size=${size}`, signal);
      },
      describe: () => ({ baseUrl, detailRatio, maxPage, sizes, detailIds: ids.length }),
      teardown: () => client.close(),
    };
  },
};

/** Ids for the detail requests, read from the first pages; an unreachable catalog fails setup. */
export async function fetchProductIds(baseUrl: string, pages = 4): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= pages; page++) {
    const response = await fetch(new URL(`/products?page=${page}&size=50`, baseUrl));
    if (!response.ok) {
      throw new Error(`GET /products on ${baseUrl} answered ${response.status}; is the catalog service running?`);
    }
    for (const item of productItems(await response.json())) {
      const id = item.id ?? item.sku;
      if (typeof id === 'string' || typeof id === 'number') ids.push(String(id));
    }
  }
  return ids;
}

/** The product summaries of a page, whichever envelope the service uses. */
export function productItems(body: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    for (const key of ['items', 'products', 'data', 'content']) {
      const value = (body as Record<string, unknown>)[key];
      if (Array.isArray(value)) return value;
    }
  }
  return [];
}

export function numberOption(
  options: Record<string, string>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`--option ${name}: expected a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
