/**
 * The number of products, counted at most once per `ttlMs`. Paging metadata needs a total, and a
 * COUNT(*) on every request would scan the table at 1,000 requests a second.
 */
import type pg from 'pg';

export class CachedProductCount {
  private value = 0;
  private countedAtMs = Number.NEGATIVE_INFINITY;
  private pending: Promise<number> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<number> {
    if (this.now() - this.countedAtMs < this.ttlMs) return this.value;
    // Concurrent requests after expiry share one count.
    this.pending ??= this.count().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async count(): Promise<number> {
    const result = await this.pool.query<{ count: string }>('SELECT count(*) FROM products');
    this.value = Number(result.rows[0].count);
    this.countedAtMs = this.now();
    return this.value;
  }
}
