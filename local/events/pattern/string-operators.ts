/**
 * The string operators `prefix`, `suffix` and `equals-ignore-case`. They only ever match string
 * values; `prefix` and `suffix` may wrap their operand in `{"equals-ignore-case": s}`.
 */
import { describeJson, InvalidPatternError } from './invalid-pattern-error.ts';
import type { LeafTest } from './types.ts';

export type StringPredicate = (value: string) => boolean;

function foldCase(text: string): string {
  return text.toLowerCase();
}

function requireString(field: string, operator: string, operand: unknown): string {
  if (typeof operand !== 'string') {
    throw new InvalidPatternError(
      `${operator} match pattern for "${field}" must be a string, got ${describeJson(operand)}`,
    );
  }
  return operand;
}

export function equalsIgnoreCasePredicate(expected: string): StringPredicate {
  const folded = foldCase(expected);
  return (value) => foldCase(value) === folded;
}

/** `prefix` / `suffix`, with or without the nested `equals-ignore-case`. */
export function affixPredicate(
  field: string,
  operator: 'prefix' | 'suffix',
  operand: unknown,
): StringPredicate {
  let affix: string;
  let ignoreCase = false;
  if (operand !== null && typeof operand === 'object' && !Array.isArray(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
      throw new InvalidPatternError(
        `${operator} match pattern for "${field}" must be a string or {"equals-ignore-case": string}`,
      );
    }
    affix = requireString(
      field,
      `${operator} equals-ignore-case`,
      (operand as Record<string, unknown>)['equals-ignore-case'],
    );
    ignoreCase = true;
  } else {
    affix = requireString(field, operator, operand);
  }
  if (ignoreCase) {
    const folded = foldCase(affix);
    return operator === 'prefix'
      ? (value) => foldCase(value).startsWith(folded)
      : (value) => foldCase(value).endsWith(folded);
  }
  return operator === 'prefix'
    ? (value) => value.startsWith(affix)
    : (value) => value.endsWith(affix);
}

export function compileEqualsIgnoreCase(field: string, operand: unknown): StringPredicate {
  return equalsIgnoreCasePredicate(requireString(field, 'equals-ignore-case', operand));
}

/** Lifts a string predicate to a leaf test: any string value of the field satisfies it. */
export function anyString(predicate: StringPredicate): LeafTest {
  return (values) => values.some((value) => typeof value === 'string' && predicate(value));
}
