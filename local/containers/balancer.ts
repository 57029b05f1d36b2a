/**
 * The round-robin balancer in front of a service's replicas (the ALB of the embedded target).
 * Each response carries `X-Instance` naming the replica that served it; a replica that refuses
 * the connection is skipped for the next one.
 */
import http from 'node:http';

export interface Balancer {
  url: string;
  close(): Promise<void>;
}

export interface BalancerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  backends: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export async function startBalancer({ port, host = '127.0.0.1', backends }: BalancerOptions): Promise<Balancer> {
  const targets = backends.map((b) => new URL(b));
  let next = 0;

  const server = http.createServer((req, res) => {
    const tryBackend = (attempt: number) => {
      const target = targets[next++ % targets.length]!;
      const upstream = http.request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers, agent },
        (answer) => {
          const instance = answer.headers['x-instance'] ?? `${target.hostname}:${target.port}`;
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-instance': instance });
          answer.pipe(res);
        },
      );
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        // Only a refused connection is safe to retry: nothing reached the replica.
        if (err.code === 'ECONNREFUSED' && attempt + 1 < targets.length) return tryBackend(attempt + 1);
        if (!res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: `no replica answered: ${err.message}` } }));
        } else res.destroy();
      });
      req.pipe(upstream);
    };
    tryBackend(0);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
