/** A local HTTP server with known delays, on a free port, for testing the runner's measurements. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayServer {
  url: string;
  /** Requests received so far. */
  received(): number;
  close(): Promise<void>;
}

/** `delayMsFor(n)` says how long to hold the n-th request (0-based) before answering 200. */
export async function startDelayServer(delayMsFor: (n: number) => number): Promise<DelayServer> {
  let count = 0;
  const server = http.createServer((req, res) => {
    const delayMs = delayMsFor(count++);
    req.resume();
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    };
    if (delayMs <= 0) answer();
    else setTimeout(answer, delayMs);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
