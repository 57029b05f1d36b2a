-- Up Migration
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'RESERVED', 'REJECTED')),
  total_cents bigint NOT NULL CHECK (total_cents >= 0),
  -- Per-item reasons from inventory.reservation_failed, kept for the customer to see.
  rejection_reasons jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_by_customer ON orders (customer_id, created_at DESC, id DESC);

CREATE TABLE order_lines (
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no smallint NOT NULL,
  sku text NOT NULL,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  unit_price_cents integer NOT NULL CHECK (unit_price_cents >= 0),
  PRIMARY KEY (order_id, line_no)
);

-- Transactional outbox: written in the same transaction as the order, drained by the relay.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL,
  detail_type text NOT NULL,
  detail jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  published_at timestamptz
);
-- The relay only ever looks at what is still to publish; keep that index small.
CREATE INDEX outbox_unpublished ON outbox (next_attempt_at, id) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TABLE order_lines;
DROP TABLE orders;
