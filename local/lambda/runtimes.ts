/** The runtimes the local cloud can run: it starts functions as Node child processes. */
import { invalidParameter } from './errors.ts';

export const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

export function checkRuntime(runtime: unknown): string {
  if (typeof runtime === 'string' && SUPPORTED_RUNTIMES.includes(runtime)) return runtime;
  throw invalidParameter(
    `Runtime '${String(runtime)}' is not served by the local cloud, which runs functions as Node ` +
      `processes. Use one of: ${SUPPORTED_RUNTIMES.join(', ')}.`,
  );
}
