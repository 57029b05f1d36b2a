/**
 * Where NovaMart keeps what it runs locally: deploy state, synthesized assemblies, service logs
 * and PostgreSQL data. `NOVAMART_STATE_DIR` moves it, so two local systems can run side by side.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where service commands run. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function defaultStateDir(): string {
  return resolve(process.env.NOVAMART_STATE_DIR ?? resolve(PROJECT_ROOT, '.novamart'));
}
