/**
 * A keep-alive HTTP client for the service scenarios: undici's Pool (one per origin) is far
 * cheaper per request than fetch, which matters when the load generator shares two cores with
 * the system under test. Non-2xx answers become `http_<status>` outcomes.
 */
import { Pool } from 'undici';
import type { Outcome } from './types.ts';

/** Bodies above this are cut off (the connection is then dropped); product pages are far smaller. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HttpClient {
  get(path: string, signal: AbortSignal): Promise<Outcome>;
  postJson(path: string, body: unknown, signal: AbortSignal): Promise<Outcome>;
  close(): Promise<void>;
}

export function createHttpClient(baseUrl: string, connections: number): HttpClient {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  const prefix = url.pathname.replace(/\/$/, '');

  const send = async (
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: string,
  ): Promise<Outcome> => {
    const response = await pool.request({
      method,
      path: prefix + path,
      signal,
      body,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    });
    // Reading the body to its end frees the connection for the next request.
    await response.body.dump({ limit: MAX_BODY_BYTES });
    if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true };
    return { ok: false, kind: `http_${response.statusCode}` };
  };

  return {
    get: (path, signal) => send('GET', path, signal),
    postJson: (path, body, signal) => send('POST', path, signal, JSON.stringify(body)),
    close: () => pool.close(),
  };
}
