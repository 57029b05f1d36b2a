import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalogApp } from '../../../services/catalog/app.ts';
import { listCatalogueSkus, PRODUCT_COUNT } from '../../../services/catalog/catalogue.ts';
import { prepareCatalogDatabase } from '../../../services/catalog/prepare.ts';
import { MAX_PAGE_SIZE } from '../../../services/catalog/routes.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { usePostgres } from '../../helpers/postgres.ts';

// A lower threshold and a smaller history than the demo's (200 ms, 3.6M rows) keep this file fast;
// what is tested is the path: an unindexed scan, over the threshold, written to the log file.
const SLOW_THRESHOLD_MS = 20;
const HISTORY_HOURS = 120;

const postgres = usePostgres(['catalog'], { logMinDurationStatementMs: SLOW_THRESHOLD_MS });
let pool: pg.Pool;
let app: FastifyInstance;

beforeAll(async () => {
  await prepareCatalogDatabase(postgres.urls.catalog, {
    logger: silentLogger,
    priceHistoryHours: HISTORY_HOURS,
  });
  pool = new pg.Pool({ connectionString: postgres.urls.catalog, max: 4 });
  // Idle clients see the server's shutdown at the end of the file; nothing to report then.
  pool.on('error', () => {});
  app = buildCatalogApp({ pool, logger: silentLogger, instanceId: 'catalog-test' });
});

afterAll(async () => {
  await app?.close();
  await pool?.end();
});

describe('catalog database', () => {
  it('holds the whole generated catalogue once, even when prepared twice', async () => {
    // Act
    await prepareCatalogDatabase(postgres.urls.catalog, {
      logger: silentLogger,
      priceHistoryHours: HISTORY_HOURS,
    });

    // Assert
    const products = await pool.query(
      'SELECT count(*)::int AS n, count(DISTINCT category)::int AS c FROM products',
    );
    const history = await pool.query('SELECT count(*)::int AS n FROM price_history');
    expect(products.rows[0]).toEqual({ n: PRODUCT_COUNT, c: 10 });
    expect(history.rows[0].n).toBe(PRODUCT_COUNT * HISTORY_HOURS);
  });

  it('stores exactly the SKUs inventory seeds stock from', async () => {
    const result = await pool.query<{ sku: string }>('SELECT sku FROM products ORDER BY id');
    expect(result.rows.map((row) => row.sku)).toEqual(listCatalogueSkus());
  });

  it('has pg_stat_statements installed', async () => {
    const result = await pool.query(
      `SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'`,
    );
    expect(result.rowCount).toBe(1);
  });
});

describe('GET /products', () => {
  it('returns the first page in id order with paging metadata', async () => {
    const response = await app.inject({ method: 'GET', url: '/products?page=1&size=10' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['x-instance']).toBe('catalog-test');
    const body = response.json();
    expect(body.items.map((item: { id: number }) => item.id)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(body.items[0]).toEqual({
      id: 1,
      sku: 'ELEC-00001',
      name: expect.any(String),
      category: 'Electronics',
      priceCents: expect.any(Number),
    });
    expect(body.page).toEqual({
      page: 1,
      size: 10,
      total: PRODUCT_COUNT,
      totalPages: 500,
      hasNext: true,
      nextAfter: 10,
    });
  });

  it('returns later pages without overlap and a last page without next', async () => {
    const second = (await app.inject({ url: '/products?page=2&size=10' })).json();
    const last = (await app.inject({ url: `/products?page=${PRODUCT_COUNT / 50}&size=50` })).json();
    const beyond = (await app.inject({ url: '/products?page=1000&size=50' })).json();

    expect(second.items[0].id).toBe(11);
    expect(last.items).toHaveLength(50);
    expect(last.items.at(-1).id).toBe(PRODUCT_COUNT);
    expect(last.page.hasNext).toBe(false);
    expect(beyond.items).toEqual([]);
  });

  it('pages by keyset with after=', async () => {
    const body = (await app.inject({ url: '/products?after=4990&size=50' })).json();

    expect(body.items.map((item: { id: number }) => item.id)).toEqual([
      4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999, 5000,
    ]);
    expect(body.page.hasNext).toBe(false);
    expect(body.page.nextAfter).toBeNull();
  });

  it('caps the page size at 50', async () => {
    const body = (await app.inject({ url: '/products?size=500' })).json();

    expect(body.items).toHaveLength(MAX_PAGE_SIZE);
    expect(body.page.size).toBe(MAX_PAGE_SIZE);
  });

  it.each(['page=abc', 'page=0', 'page=-1', 'size=0', 'size=1.5', 'after=x'])(
    'rejects %s with a JSON 400',
    async (query) => {
      const response = await app.inject({ url: `/products?${query}` });

      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
      expect(response.json().error.message).toMatch(/page|size|after/);
    },
  );
});

describe('GET /products/:id', () => {
  it('returns one product', async () => {
    const response = await app.inject({ url: '/products/42' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 42,
      sku: 'HOME-00042',
      description: expect.any(String),
    });
  });

  it('answers 404 as JSON for an unknown id', async () => {
    const response = await app.inject({ url: `/products/${PRODUCT_COUNT + 1}` });

    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.json()).toEqual({
      error: { code: 'NOT_FOUND', message: `No product has id ${PRODUCT_COUNT + 1}.` },
    });
  });

  it.each(['abc', '1e3', '-1', '0', '99999999999'])('answers 400 for id %s', async (id) => {
    const response = await app.inject({ url: `/products/${id}` });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_ID');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await app.inject({ url: '/nope' });

    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('GET /health', () => {
  it('reports ok when the database answers', async () => {
    const response = await app.inject({ url: '/health' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      service: 'catalog',
      instance: 'catalog-test',
    });
  });
});

describe('GET /products/:id/price-history (slow-query demo)', () => {
  it('answers daily prices and leaves a duration line in the PostgreSQL log file', async () => {
    // Act
    const response = await app.inject({ url: '/products/7/price-history' });

    // Assert
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.sku).toBe('FOOD-00007');
    expect(body.days).toHaveLength(HISTORY_HOURS / 24);
    expect(body.days[0]).toEqual({
      day: '2026-01-01',
      minCents: expect.any(Number),
      maxCents: expect.any(Number),
      avgCents: expect.any(Number),
      movingAvg7dCents: expect.any(Number),
    });
    const logLine = await waitForLogLine(postgres.server.logDir, /duration: .*FROM price_history/);
    expect(logLine).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \w+ \[\d+\] postgres@catalog LOG: {2}duration: \d+\.\d+ ms/,
    );
  });

  it('scans price_history without an index on product_id', async () => {
    const plan = await pool.query('EXPLAIN SELECT * FROM price_history WHERE product_id = 7');
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('Seq Scan on price_history');
  });
});

async function waitForLogLine(logDir: string, pattern: RegExp, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const file of await readdir(logDir)) {
      const text = await readFile(path.join(logDir, file), 'utf8');
      const line = text.split('\n').find((candidate) => pattern.test(candidate));
      if (line) return line;
    }
    if (Date.now() > deadline) throw new Error(`No line matching ${pattern} in ${logDir}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
