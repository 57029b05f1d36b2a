/** Shapes shared by the event-pattern compiler and matcher. */

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * One compiled leaf condition. It receives every scalar the event holds at the field's path
 * (array elements flattened; an empty list means the field is absent) and says whether the
 * condition holds. Compiled once when the rule is stored, called for every event.
 */
export type LeafTest = (values: readonly JsonScalar[]) => boolean;

export interface CompiledLeaf {
  kind: 'leaf';
  key: string;
  /** The value array's conditions; any one of them matching is enough (OR). */
  tests: LeafTest[];
}

export interface CompiledObject {
  kind: 'object';
  key: string;
  node: CompiledNode;
}

/** One object level of a pattern: every field must match (AND), and every `$or` group too. */
export interface CompiledNode {
  fields: (CompiledLeaf | CompiledObject)[];
  /** Each group is a `$or`: at least one branch must match the same object. */
  orGroups: CompiledNode[][];
}

export interface CompiledPattern {
  root: CompiledNode;
  /** The pattern as given, kept for DescribeRule. */
  source: string;
}
