/** The event-pattern language: compile once with compileEventPattern, then matchesPattern per event. */
export { InvalidPatternError } from './invalid-pattern-error.ts';
export { matchesPattern } from './match.ts';
export { compileEventPattern } from './parse.ts';
export type { CompiledPattern, JsonObject, JsonValue } from './types.ts';
