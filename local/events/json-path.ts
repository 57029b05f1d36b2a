/**
 * The JSONPath subset EventBridge's InputPath and InputPathsMap use: `$`, `.name`, `['name']`
 * and `[index]`. Parsed when the target is stored, read per delivery.
 */
export type JsonPathStep = string | number;

const STEP = /^(?:\.([^.[\]]+)|\['([^']*)'\]|\[(\d+)\])/;

/** Returns the steps, or undefined when the text is not a path EventBridge accepts. */
export function parseJsonPath(path: string): JsonPathStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) return undefined;
    if (match[3] !== undefined) steps.push(Number(match[3]));
    else steps.push(match[1] ?? match[2]);
    rest = rest.slice(match[0].length);
  }
  return steps;
}

export function readJsonPath(value: unknown, steps: readonly JsonPathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
