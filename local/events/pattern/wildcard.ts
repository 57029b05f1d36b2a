/**
 * `wildcard`: `*` stands for zero or more characters (including `/`), `\*` for a literal star and
 * `\\` for a literal backslash; any other escape is invalid. Like AWS, patterns that would make
 * matching expensive are rejected as too complex: consecutive stars, and more stars than
 * MAX_WILDCARDS (our bound; event-ruler measures complexity differently but rejects the same kind
 * of pattern).
 */
import { InvalidPatternError } from './invalid-pattern-error.ts';
import type { StringPredicate } from './string-operators.ts';

export const MAX_WILDCARDS = 20;

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/-]/g;

function escapeForRegex(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}

export function wildcardPredicate(field: string, operand: unknown): StringPredicate {
  if (typeof operand !== 'string') {
    throw new InvalidPatternError(`wildcard match pattern for "${field}" must be a string`);
  }
  let source = '';
  let literal = '';
  let stars = 0;
  for (let i = 0; i < operand.length; i++) {
    const char = operand[i];
    if (char === '\\') {
      const next = operand[i + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidPatternError(
          `Invalid escape character at position ${i} of wildcard pattern for "${field}": only \\* and \\\\ may be escaped`,
        );
      }
      literal += next;
      i++;
    } else if (char === '*') {
      if (operand[i + 1] === '*') {
        throw new InvalidPatternError(
          `Consecutive wildcard characters at position ${i} of wildcard pattern for "${field}"`,
        );
      }
      stars++;
      source += `${escapeForRegex(literal)}[\\s\\S]*`;
      literal = '';
    } else {
      literal += char;
    }
  }
  if (stars > MAX_WILDCARDS) {
    throw new InvalidPatternError(
      `Rule is too complex: the wildcard pattern for "${field}" has ${stars} wildcards, at most ${MAX_WILDCARDS} are allowed`,
    );
  }
  if (stars === 0) return (value) => value === literal;
  const regex = new RegExp(`^${source}${escapeForRegex(literal)}$`);
  return (value) => regex.test(value);
}
