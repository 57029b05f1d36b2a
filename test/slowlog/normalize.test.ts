import { beforeAll, describe, expect, it } from 'vitest';
import { maskLiterals } from '../../src/slowlog/masking.ts';
import { StatementNormalizer } from '../../src/slowlog/normalize.ts';

describe('StatementNormalizer', () => {
  let normalizer: StatementNormalizer;
  beforeAll(async () => {
    normalizer = await StatementNormalizer.create();
  });

  it('gives a simple query with literals and its parameterized form one fingerprint', () => {
    const simple = normalizer.normalize(
      "SELECT id FROM products WHERE price_cents > 1000 AND name = 'lamp'",
    );
    const extended = normalizer.normalize(
      'select id\n  from products\n where price_cents > $1 and name = $2',
    );

    expect(simple.normalizer).toBe('libpg-query');
    expect(simple.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(extended.fingerprint).toBe(simple.fingerprint);
    expect(simple.normalized).toBe('SELECT id FROM products WHERE price_cents > $1 AND name = $2');
  });

  it('keeps statements on different tables or columns apart', () => {
    const a = normalizer.normalize('SELECT * FROM products WHERE id = 1');
    const b = normalizer.normalize('SELECT * FROM orders WHERE id = 1');
    const c = normalizer.normalize('SELECT * FROM products WHERE sku = 1');

    expect(new Set([a.fingerprint, b.fingerprint, c.fingerprint]).size).toBe(3);
  });

  it('falls back to literal masking for statements the parser rejects', () => {
    const cutA = normalizer.normalize("SELECT id FROM products WHERE name = 'cut off in the mid");
    const cutB = normalizer.normalize("SELECT id FROM products WHERE name = 'another cut");
    const notSql = normalizer.normalize('this is not sql 42');

    expect(cutA.normalizer).toBe('masked');
    expect(cutA.fingerprint).toMatch(/^masked-[0-9a-f]{16}$/);
    expect(cutA.normalized).toBe('SELECT id FROM products WHERE name = $1');
    expect(cutB.fingerprint).toBe(cutA.fingerprint);
    expect(notSql.normalized).toBe('this is not sql $1');
  });
});

describe('maskLiterals', () => {
  it('masks strings, dollar quotes and numbers but not names or quoted identifiers', () => {
    const masked = maskLiterals(
      `SELECT t1.c2, "Col 9", 'it''s', E'x', $tag$body$tag$, -4.5e3, 7 FROM t1 WHERE x = $1 AND`,
    );

    expect(masked).toBe('SELECT t1.c2, "Col 9", $1, $2, $3, $4, $5 FROM t1 WHERE x = $6 AND');
  });
});
