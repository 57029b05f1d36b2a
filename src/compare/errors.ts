/** A comparison that could not be measured (as opposed to one whose thresholds were missed). */

export type CompareErrorCode = 'DeployFailed' | 'LoadtestFailed' | 'NoResults';

export class CompareError extends Error {
  override readonly name = 'CompareError';

  constructor(
    readonly code: CompareErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The first line of what went wrong, for messages that must stay one line. */
export function reasonOf(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0] ?? text;
}
