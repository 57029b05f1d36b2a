/**
 * `anything-but`: matches a present field whose value is not excluded. The operand is a string, a
 * number, a list of only strings or only numbers, or one of `{"prefix": s}`, `{"suffix": s}`,
 * `{"equals-ignore-case": s | [s...]}`, `{"wildcard": s | [s...]}`. An absent field never matches;
 * a `null` value does (it is none of the excluded values).
 */
import { typedKey } from './exact.ts';
import { describeJson, InvalidPatternError } from './invalid-pattern-error.ts';
import { equalsIgnoreCasePredicate, type StringPredicate } from './string-operators.ts';
import type { JsonScalar, LeafTest } from './types.ts';
import { wildcardPredicate } from './wildcard.ts';

function excludingValues(field: string, operand: unknown): LeafTest {
  const list = Array.isArray(operand) ? operand : [operand];
  const allStrings = list.every((item) => typeof item === 'string');
  const allNumbers = list.every((item) => typeof item === 'number' && Number.isFinite(item));
  if (list.length === 0 || (!allStrings && !allNumbers)) {
    throw new InvalidPatternError(
      `anything-but match pattern for "${field}" must be a string, a number, or a non-empty list of only strings or only numbers, got ${describeJson(operand)}`,
    );
  }
  const excluded = new Set((list as JsonScalar[]).map(typedKey));
  return (values) => values.some((value) => !excluded.has(typedKey(value)));
}

function stringList(field: string, operator: string, operand: unknown): string[] {
  const list = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0 || !list.every((item) => typeof item === 'string')) {
    throw new InvalidPatternError(
      `anything-but ${operator} for "${field}" must be a string or a non-empty list of strings`,
    );
  }
  return list as string[];
}

function excludingStrings(predicate: StringPredicate): LeafTest {
  // Non-string values cannot start with, end with or equal a string, so they are not excluded.
  return (values) => values.some((value) => typeof value !== 'string' || !predicate(value));
}

function excludingOperator(field: string, operand: Record<string, unknown>): LeafTest {
  const keys = Object.keys(operand);
  if (keys.length !== 1) {
    throw new InvalidPatternError(
      `anything-but for "${field}" takes exactly one of prefix, suffix, equals-ignore-case, wildcard`,
    );
  }
  const operator = keys[0];
  const value = operand[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      if (typeof value !== 'string') {
        throw new InvalidPatternError(
          `anything-but ${operator} for "${field}" must be a string, got ${describeJson(value)}`,
        );
      }
      return excludingStrings(
        operator === 'prefix' ? (text) => text.startsWith(value) : (text) => text.endsWith(value),
      );
    }
    case 'equals-ignore-case': {
      const predicates = stringList(field, operator, value).map(equalsIgnoreCasePredicate);
      return excludingStrings((text) => predicates.some((matches) => matches(text)));
    }
    case 'wildcard': {
      const predicates = stringList(field, operator, value).map((pattern) =>
        wildcardPredicate(field, pattern),
      );
      return excludingStrings((text) => predicates.some((matches) => matches(text)));
    }
    default:
      throw new InvalidPatternError(`Unsupported anything-but pattern: ${operator} for "${field}"`);
  }
}

export function compileAnythingBut(field: string, operand: unknown): LeafTest {
  if (operand !== null && typeof operand === 'object' && !Array.isArray(operand)) {
    return excludingOperator(field, operand as Record<string, unknown>);
  }
  return excludingValues(field, operand);
}
