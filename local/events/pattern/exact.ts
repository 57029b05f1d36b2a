/**
 * Exact matching: JSON-typed and case-sensitive, so `true` never equals `"true"`, `2` never
 * equals `"2"` and `null` never equals `""` or `"null"`.
 */
import type { JsonScalar, LeafTest } from './types.ts';

/** A key that differs whenever the JSON type or value differs. */
export function typedKey(value: JsonScalar): string {
  if (value === null) return 'null';
  return `${typeof value}:${String(value)}`;
}

/** All bare values of one value array, folded into one set lookup. */
export function compileExactValues(values: readonly JsonScalar[]): LeafTest {
  const wanted = new Set(values.map(typedKey));
  return (eventValues) => eventValues.some((value) => wanted.has(typedKey(value)));
}
