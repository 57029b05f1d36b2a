/**
 * Fills the catalog database once: the generated products, then the price history the slow-query
 * demo scans. Replicas starting together serialize on an advisory lock and find the work done.
 */
import type pg from 'pg';
import type { Logger } from '../../src/shared/logger.ts';
import { generateCatalogue, PRODUCT_COUNT } from './catalogue.ts';

/** Any fixed number; it only has to differ from other advisory locks taken on this database. */
const SEED_LOCK_KEY = 4_114_001;

/**
 * Hourly prices for 60 days: 5,000 x 1,440 = 7.2 million rows, generated once. At 30 days one
 * history read took 0.6-1.0 s on this project's 2-core box under load but only 150-220 ms when it
 * was quiet, so the 200 ms threshold caught it only sometimes; twice the rows keeps it logged.
 */
export const DEFAULT_PRICE_HISTORY_HOURS = 1440;

export interface SeedOptions {
  logger: Logger;
  /** @default PRODUCT_COUNT */
  productCount?: number;
  /** Price points per product. @default DEFAULT_PRICE_HISTORY_HOURS */
  priceHistoryHours?: number;
}

export async function seedCatalogue(pool: pg.Pool, options: SeedOptions): Promise<void> {
  const productCount = options.productCount ?? PRODUCT_COUNT;
  const hours = options.priceHistoryHours ?? DEFAULT_PRICE_HISTORY_HOURS;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);

    const existing = await client.query<{ count: string }>('SELECT count(*) FROM products');
    if (Number(existing.rows[0].count) < productCount) {
      const products = generateCatalogue(productCount);
      await client.query(
        `INSERT INTO products (id, sku, name, category, description, price_cents)
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])
         ON CONFLICT (id) DO NOTHING`,
        [
          products.map((p) => p.id),
          products.map((p) => p.sku),
          products.map((p) => p.name),
          products.map((p) => p.category),
          products.map((p) => p.description),
          products.map((p) => p.priceCents),
        ],
      );
      options.logger.info({ productCount }, 'catalogue seeded');
    }

    const history = await client.query('SELECT 1 FROM price_history LIMIT 1');
    if (history.rowCount === 0 && hours > 0) {
      const startedAt = Date.now();
      // One pass of generate_series, rows interleaved by product as a real feed would write them.
      await client.query(
        `INSERT INTO price_history (product_id, recorded_at, price_cents)
         SELECT g % $1 + 1,
                timestamptz '2026-01-01 00:00:00+00' + (g / $1) * interval '1 hour',
                199 + (g * 7919) % 49801
         FROM generate_series(0, $1::bigint * $2 - 1) AS g`,
        [productCount, hours],
      );
      await client.query('ANALYZE price_history');
      options.logger.info(
        { rows: productCount * hours, elapsedMs: Date.now() - startedAt },
        'price history generated',
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
