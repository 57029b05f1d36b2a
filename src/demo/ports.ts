/**
 * The demo takes the usual ports (4566, 8080, 8081) when they are free, so what it prints matches
 * the docs, and any free port otherwise, so it runs beside a local system that is already up.
 */
import { createServer } from 'node:net';

/** `preferred` when nothing listens there now; 0 (any free port) otherwise. */
export function preferredPort(preferred: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(0));
    probe.listen(preferred, host, () => probe.close(() => resolve(preferred)));
  });
}
