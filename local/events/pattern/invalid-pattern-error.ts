/**
 * Raised while compiling a pattern that AWS would reject. The service turns it into
 * `InvalidEventPatternException` with AWS's wording "Event pattern is not valid. Reason: ...".
 */
export class InvalidPatternError extends Error {
  override readonly name = 'InvalidPatternError';

  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
  }
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}
