/**
 * A local round-robin HTTP balancer, standing in for the ALB in front of a service's replicas.
 * Each request goes to the next replica; the answer carries `X-Instance: <replica name>`. A
 * replica that refuses the connection is skipped (the request never reached it, so sending it to
 * the next one cannot run it twice); when all refuse, the caller gets a JSON 502.
 *
 * Bodies are buffered (up to `maxBodyBytes`) so a refused request can be resent whole. Plain
 * node:http: the proxy libraries that fit add little over forty lines and none of them retries
 * a refused connection on another upstream.
 */
import http from 'node:http';
import type { Logger } from '../shared/logger.ts';

export interface Upstream {
  /** Sent as X-Instance, e.g. `catalog-2`. */
  name: string;
  host: string;
  port: number;
}

export interface BalancerOptions {
  upstreams: Upstream[];
  logger: Logger;
  /** @default 0 (a free port) */
  port?: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** Larger bodies get 413 here; services set their own, lower limits. @default 1048576 */
  maxBodyBytes?: number;
}

export interface Balancer {
  url: string;
  port: number;
  upstreams: Upstream[];
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 section 7.6.1) are for one connection, not to be forwarded. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
];

function sendJsonError(
  response: http.ServerResponse,
  status: number,
  code: string,
  message: string,
) {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ error: { code, message } }));
}

function readBody(request: http.IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        resolve(undefined);
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Connection refused, or a kept-alive socket the replica had already closed: safe to resend. */
function isNotDelivered(err: NodeJS.ErrnoException, reusedSocket: boolean): boolean {
  return err.code === 'ECONNREFUSED' || (reusedSocket && err.code === 'ECONNRESET');
}

export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  const { upstreams, logger } = options;
  if (upstreams.length === 0) throw new Error('A balancer needs at least one upstream.');
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  // Idle sockets are dropped before the replicas' own keep-alive timeout (65 s) closes them.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 30_000 });
  let next = 0;

  const forward = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer,
    upstream: Upstream,
    onNotDelivered: () => void,
  ) => {
    const headers: http.OutgoingHttpHeaders = { ...request.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    headers['content-length'] = String(body.length);
    headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
    const upstreamRequest = http.request(
      {
        host: upstream.host,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers,
        agent,
      },
      (upstreamResponse) => {
        const responseHeaders: http.OutgoingHttpHeaders = { ...upstreamResponse.headers };
        for (const name of HOP_BY_HOP) delete responseHeaders[name];
        responseHeaders['x-instance'] = upstream.name;
        response.writeHead(upstreamResponse.statusCode ?? 502, responseHeaders);
        upstreamResponse.pipe(response);
      },
    );
    upstreamRequest.on('error', (err: NodeJS.ErrnoException) => {
      if (isNotDelivered(err, upstreamRequest.reusedSocket)) {
        onNotDelivered();
        return;
      }
      logger.warn({ err, upstream: upstream.name }, 'replica failed mid-request');
      sendJsonError(
        response,
        502,
        'BAD_GATEWAY',
        `Replica ${upstream.name} failed: ${err.code ?? err.message}`,
      );
    });
    upstreamRequest.end(body);
  };

  const server = http.createServer(async (request, response) => {
    let body: Buffer | undefined;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch {
      response.destroy();
      return;
    }
    if (!body) {
      sendJsonError(
        response,
        413,
        'PAYLOAD_TOO_LARGE',
        `Request bodies are limited to ${maxBodyBytes} bytes.`,
      );
      return;
    }
    const first = next;
    next = (next + 1) % upstreams.length;
    const tryUpstream = (attempt: number) => {
      if (attempt >= upstreams.length) {
        sendJsonError(
          response,
          502,
          'NO_REPLICA',
          'No replica accepted the connection; check that the service is running.',
        );
        return;
      }
      const upstream = upstreams[(first + attempt) % upstreams.length];
      forward(request, response, body, upstream, () => {
        logger.debug(
          { upstream: upstream.name },
          'replica refused the connection; trying the next',
        );
        tryUpstream(attempt + 1);
      });
    };
    tryUpstream(0);
  });
  server.keepAliveTimeout = 65_000;

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  logger.info({ port, upstreams: upstreams.map((u) => u.name) }, 'balancer listening');

  return {
    url: `http://${host}:${port}`,
    port,
    upstreams,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
