/**
 * `numeric`: `["=", x]`, one bound (`[">", x]`), or a lower and an upper bound
 * (`[">", 0, "<=", 5]`). Only JSON numbers in the event match; the string `"5"` does not.
 */
import { describeJson, InvalidPatternError } from './invalid-pattern-error.ts';
import type { LeafTest } from './types.ts';

type NumberPredicate = (value: number) => boolean;

const COMPARISONS: Record<string, (bound: number) => NumberPredicate> = {
  '=': (bound) => (value) => value === bound,
  '>': (bound) => (value) => value > bound,
  '>=': (bound) => (value) => value >= bound,
  '<': (bound) => (value) => value < bound,
  '<=': (bound) => (value) => value <= bound,
};

const LOWER = new Set(['>', '>=']);
const UPPER = new Set(['<', '<=']);

export function compileNumeric(field: string, operand: unknown): LeafTest {
  const usage = `numeric match pattern for "${field}" must be ["=", n], [op, n] or [">"|">=", n, "<"|"<=", m]`;
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) {
    throw new InvalidPatternError(usage);
  }
  const predicates: NumberPredicate[] = [];
  const operators: string[] = [];
  for (let i = 0; i < operand.length; i += 2) {
    const operator = operand[i];
    const bound = operand[i + 1];
    if (typeof operator !== 'string' || !COMPARISONS[operator]) {
      throw new InvalidPatternError(
        `Unrecognized numeric range operator ${describeJson(operator)} for "${field}"`,
      );
    }
    if (typeof bound !== 'number' || !Number.isFinite(bound)) {
      throw new InvalidPatternError(
        `Value of ${operator} must be a number for "${field}", got ${describeJson(bound)}`,
      );
    }
    operators.push(operator);
    predicates.push(COMPARISONS[operator](bound));
  }
  if (operators.length === 2) {
    const [first, second] = operators;
    const [low, high] = [operand[1] as number, operand[3] as number];
    if (!LOWER.has(first) || !UPPER.has(second)) {
      throw new InvalidPatternError(
        `${usage}: a range needs a lower bound first, then an upper bound`,
      );
    }
    if (low >= high) {
      throw new InvalidPatternError(`Bottom must be less than top in numeric range for "${field}"`);
    }
  }
  return (values) =>
    values.some(
      (value) => typeof value === 'number' && predicates.every((matches) => matches(value)),
    );
}
