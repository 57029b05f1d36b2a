/**
 * Compiles an event pattern (JSON text) once, when a rule is stored: validates it the way AWS does
 * and turns every value array into leaf tests, so matching an event is a walk with no parsing.
 */
import { compileAnythingBut } from './anything-but.ts';
import { cidrPredicate } from './cidr.ts';
import { compileExactValues } from './exact.ts';
import { compileExists } from './exists.ts';
import { describeJson, InvalidPatternError } from './invalid-pattern-error.ts';
import { compileNumeric } from './numeric.ts';
import { affixPredicate, anyString, compileEqualsIgnoreCase } from './string-operators.ts';
import type { CompiledNode, CompiledPattern, JsonScalar, LeafTest } from './types.ts';
import { wildcardPredicate } from './wildcard.ts';

/** AWS rejects patterns whose `$or` branches expand to more than this many plain patterns. */
export const MAX_OR_COMBINATIONS = 1000;

const OPERATORS: Record<string, (field: string, operand: unknown) => LeafTest> = {
  prefix: (field, operand) => anyString(affixPredicate(field, 'prefix', operand)),
  suffix: (field, operand) => anyString(affixPredicate(field, 'suffix', operand)),
  'equals-ignore-case': (field, operand) => anyString(compileEqualsIgnoreCase(field, operand)),
  wildcard: (field, operand) => anyString(wildcardPredicate(field, operand)),
  cidr: (field, operand) => anyString(cidrPredicate(field, operand)),
  numeric: compileNumeric,
  exists: compileExists,
  'anything-but': compileAnythingBut,
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function compileLeaf(field: string, items: unknown[]): LeafTest[] {
  if (items.length === 0)
    throw new InvalidPatternError(
      `Empty arrays are not allowed: "${field}" needs at least one value`,
    );
  const exactValues: JsonScalar[] = [];
  const tests: LeafTest[] = [];
  for (const item of items) {
    if (Array.isArray(item)) {
      throw new InvalidPatternError(
        `Match value for "${field}" must be a string, number, boolean, null or an operator object, not an array`,
      );
    }
    if (!isPlainObject(item)) {
      exactValues.push(item as JsonScalar);
      continue;
    }
    const keys = Object.keys(item);
    if (keys.length !== 1) {
      throw new InvalidPatternError(
        `Operator object for "${field}" must hold exactly one match type, got ${keys.length}`,
      );
    }
    const compile = OPERATORS[keys[0]];
    if (!compile)
      throw new InvalidPatternError(`Unrecognized match type ${keys[0]} for "${field}"`);
    tests.push(compile(field, item[keys[0]]));
  }
  if (exactValues.length > 0) tests.unshift(compileExactValues(exactValues));
  return tests;
}

function compileNode(object: Record<string, unknown>, path: string): CompiledNode {
  const node: CompiledNode = { fields: [], orGroups: [] };
  const keys = Object.keys(object);
  if (keys.length === 0)
    throw new InvalidPatternError(`Empty objects are not allowed${path ? ` at "${path}"` : ''}`);
  for (const key of keys) {
    const value = object[key];
    if (key === '$or' && Array.isArray(value) && value.every(isPlainObject)) {
      if (value.length < 2) throw new InvalidPatternError('$or must have at least 2 branches');
      node.orGroups.push(value.map((branch) => compileNode(branch, path)));
      continue;
    }
    const field = path ? `${path}.${key}` : key;
    if (Array.isArray(value)) {
      node.fields.push({ kind: 'leaf', key, tests: compileLeaf(field, value) });
    } else if (isPlainObject(value)) {
      node.fields.push({ kind: 'object', key, node: compileNode(value, field) });
    } else {
      throw new InvalidPatternError(
        `"${field}" must be an object or an array, got ${describeJson(value)}`,
      );
    }
  }
  return node;
}

/** How many plain (`$or`-free) patterns this node stands for. */
function countCombinations(node: CompiledNode): number {
  let total = 1;
  for (const field of node.fields) {
    if (field.kind === 'object') total *= countCombinations(field.node);
  }
  for (const group of node.orGroups) {
    total *= group.reduce((sum, branch) => sum + countCombinations(branch), 0);
  }
  return total;
}

export function compileEventPattern(source: string): CompiledPattern {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch (err) {
    throw new InvalidPatternError(`Filter is not valid JSON: ${(err as Error).message}`);
  }
  if (!isPlainObject(parsed))
    throw new InvalidPatternError(`Filter is not an object, got ${describeJson(parsed)}`);
  const root = compileNode(parsed, '');
  const combinations = countCombinations(root);
  if (combinations > MAX_OR_COMBINATIONS) {
    throw new InvalidPatternError(
      `The rule is too complex: its $or branches expand to ${combinations} combinations, at most ${MAX_OR_COMBINATIONS} are allowed`,
    );
  }
  return { root, source };
}
