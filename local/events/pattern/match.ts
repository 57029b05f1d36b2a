/**
 * Evaluates a compiled pattern against an event. Array values match when any element does; an
 * array of objects matches a nested pattern when one element matches all of it, so fields from
 * different elements are never combined (as in event-ruler).
 */
import type { CompiledNode, CompiledPattern, JsonObject, JsonScalar, JsonValue } from './types.ts';

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The scalars at a path: array elements flattened, objects skipped (they are not leaves). */
function collectScalars(value: JsonValue | undefined, into: JsonScalar[]): JsonScalar[] {
  if (value === undefined || isObject(value)) return into;
  if (Array.isArray(value)) {
    for (const element of value) collectScalars(element, into);
  } else {
    into.push(value);
  }
  return into;
}

function collectObjects(value: JsonValue | undefined, into: JsonObject[]): JsonObject[] {
  if (isObject(value)) into.push(value);
  else if (Array.isArray(value)) for (const element of value) collectObjects(element, into);
  return into;
}

/** `object` is undefined when the event has nothing at this level (so only `exists: false` holds). */
function matchNode(node: CompiledNode, object: JsonObject | undefined): boolean {
  for (const field of node.fields) {
    const value =
      object !== undefined && Object.hasOwn(object, field.key) ? object[field.key] : undefined;
    if (field.kind === 'leaf') {
      const values = collectScalars(value, []);
      if (!field.tests.some((test) => test(values))) return false;
      continue;
    }
    const candidates = collectObjects(value, []);
    const matched =
      candidates.length === 0
        ? matchNode(field.node, undefined)
        : candidates.some((candidate) => matchNode(field.node, candidate));
    if (!matched) return false;
  }
  for (const group of node.orGroups) {
    if (!group.some((branch) => matchNode(branch, object))) return false;
  }
  return true;
}

export function matchesPattern(pattern: CompiledPattern, event: JsonObject): boolean {
  return matchNode(pattern.root, event);
}
