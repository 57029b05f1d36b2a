-- Up Migration
CREATE TABLE products (
  id integer PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  name text NOT NULL,
  category text NOT NULL,
  description text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0)
);

-- The slow-query demo's table: hourly prices of every product, millions of rows, and on purpose
-- NO index on product_id, so reading one product's history scans the whole table. Parallel scans
-- are off for it so the scan costs the same on a laptop with 2 cores or a server with 32.
CREATE TABLE price_history (
  product_id integer NOT NULL,
  recorded_at timestamptz NOT NULL,
  price_cents integer NOT NULL
) WITH (parallel_workers = 0);

COMMENT ON TABLE price_history IS
  'Slow-query demo: deliberately unindexed on product_id; GET /products/:id/price-history scans it.';

-- Down Migration
DROP TABLE price_history;
DROP TABLE products;
