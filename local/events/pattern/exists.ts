/**
 * `exists`: whether the field is present. A `null` value counts as present; an object value or an
 * empty array does not, because exists only applies to leaf values. `false` also holds when a
 * parent of the field is missing, which the matcher handles by passing an empty value list.
 */
import { describeJson, InvalidPatternError } from './invalid-pattern-error.ts';
import type { LeafTest } from './types.ts';

export function compileExists(field: string, operand: unknown): LeafTest {
  if (typeof operand !== 'boolean') {
    throw new InvalidPatternError(
      `exists match pattern for "${field}" must be true or false, got ${describeJson(operand)}`,
    );
  }
  return operand ? (values) => values.length > 0 : (values) => values.length === 0;
}
