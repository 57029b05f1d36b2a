/**
 * Drives the catalog's genuinely slow endpoint, `GET /products/:id/price-history` (a scan of
 * millions of rows with no index on product_id, see services/README.md), so PostgreSQL logs it
 * as a slow statement. One call at a time: the point is the log entry, not load.
 */

export interface SlowCall {
  productId: number;
  status: number;
  elapsedMs: number;
}

export async function callSlowEndpoint(
  catalogUrl: string,
  calls: number,
  signal?: AbortSignal,
): Promise<SlowCall[]> {
  const results: SlowCall[] = [];
  for (let i = 0; i < calls && !signal?.aborted; i++) {
    // Spread over the catalogue: ids 1, 1001, 2001, ...
    const productId = 1 + i * 1000;
    const started = performance.now();
    const response = await fetch(new URL(`/products/${productId}/price-history`, catalogUrl), {
      signal,
    });
    await response.arrayBuffer();
    results.push({ productId, status: response.status, elapsedMs: performance.now() - started });
    if (!response.ok) {
      throw new Error(
        `GET /products/${productId}/price-history answered ${response.status}; see the catalog log under the state directory`,
      );
    }
  }
  return results;
}
