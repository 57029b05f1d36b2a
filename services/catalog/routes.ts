/** The catalog's HTTP routes: paged summaries, one product, and the slow-query demo's history. */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import { ServiceError } from '../shared/errors.ts';
import type { CachedProductCount } from './product-count.ts';

/** Larger requested sizes are capped, not rejected: a client asking for 500 gets 50. */
export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PRODUCT_ID = 2_147_483_647;

const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  size: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_PAGE_SIZE)
    .transform((size) => Math.min(size, MAX_PAGE_SIZE)),
  /** Keyset paging: products with an id above this one. Stays fast however deep the page. */
  after: z.coerce.number().int().min(0).max(MAX_PRODUCT_ID).optional(),
});

interface ProductRow {
  id: number;
  sku: string;
  name: string;
  category: string;
  description: string;
  price_cents: number;
}

function parseProductId(raw: string): number {
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_PRODUCT_ID) {
    throw new ServiceError(
      'INVALID_ID',
      `Product id must be an integer from 1 to ${MAX_PRODUCT_ID}; got "${raw}".`,
    );
  }
  return id;
}

function summary(row: ProductRow) {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    category: row.category,
    priceCents: row.price_cents,
  };
}

async function findProduct(pool: pg.Pool, id: number): Promise<ProductRow> {
  const result = await pool.query<ProductRow>(
    'SELECT id, sku, name, category, description, price_cents FROM products WHERE id = $1',
    [id],
  );
  if (result.rowCount === 0) throw new ServiceError('NOT_FOUND', `No product has id ${id}.`);
  return result.rows[0];
}

export function registerProductRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  count: CachedProductCount,
) {
  app.get('/products', async (request) => {
    const query = listQuerySchema.parse(request.query);
    const columns = 'id, sku, name, category, description, price_cents';
    // Fetch one extra row to know whether another page follows without counting.
    const result =
      query.after !== undefined
        ? await pool.query<ProductRow>(
            `SELECT ${columns} FROM products WHERE id > $1 ORDER BY id LIMIT $2`,
            [query.after, query.size + 1],
          )
        : await pool.query<ProductRow>(
            `SELECT ${columns} FROM products ORDER BY id LIMIT $1 OFFSET $2`,
            [query.size + 1, (query.page - 1) * query.size],
          );
    const rows = result.rows.slice(0, query.size);
    const total = await count.get();
    const hasNext = result.rows.length > query.size;
    return {
      items: rows.map(summary),
      page: {
        page: query.after !== undefined ? null : query.page,
        size: query.size,
        total,
        totalPages: Math.ceil(total / query.size),
        hasNext,
        nextAfter: hasNext ? rows[rows.length - 1].id : null,
      },
    };
  });

  app.get<{ Params: { id: string } }>('/products/:id', async (request) => {
    const row = await findProduct(pool, parseProductId(request.params.id));
    return { ...summary(row), description: row.description };
  });

  /**
   * The slow-query demo: one product's daily price range over a table with millions of rows and
   * no index on product_id (see migrations/0001_products.sql). Each call scans the whole table
   * and so lands in the PostgreSQL slow-statement log.
   */
  app.get<{ Params: { id: string } }>('/products/:id/price-history', async (request) => {
    const product = await findProduct(pool, parseProductId(request.params.id));
    const result = await pool.query<{
      day: Date;
      min_cents: number;
      max_cents: number;
      avg_cents: number;
      moving_avg_7d_cents: number;
    }>(
      `SELECT day, min_cents, max_cents, avg_cents,
              avg(avg_cents) OVER (ORDER BY day ROWS 6 PRECEDING)::int AS moving_avg_7d_cents
       FROM (SELECT date_trunc('day', recorded_at) AS day,
                    min(price_cents) AS min_cents,
                    max(price_cents) AS max_cents,
                    avg(price_cents)::int AS avg_cents
             FROM price_history
             WHERE product_id = $1
             GROUP BY 1) AS daily
       ORDER BY day`,
      [product.id],
    );
    return {
      productId: product.id,
      sku: product.sku,
      days: result.rows.map((row) => ({
        day: row.day.toISOString().slice(0, 10),
        minCents: row.min_cents,
        maxCents: row.max_cents,
        avgCents: row.avg_cents,
        movingAvg7dCents: row.moving_avg_7d_cents,
      })),
    };
  });
}
