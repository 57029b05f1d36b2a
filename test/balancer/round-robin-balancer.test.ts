import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Balancer,
  startBalancer,
  type Upstream,
} from '../../src/balancer/round-robin-balancer.ts';
import { findFreePort } from '../../src/shared/free-port.ts';
import { silentLogger } from '../../src/shared/logger.ts';

/** A replica that answers with its name, the method and the body it received. */
async function startEchoReplica(
  name: string,
): Promise<{ upstream: Upstream; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          name,
          method: request.method,
          url: request.url,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    upstream: { name, host: '127.0.0.1', port: address.port },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('round-robin balancer', () => {
  const replicas: Awaited<ReturnType<typeof startEchoReplica>>[] = [];
  let balancer: Balancer;

  beforeAll(async () => {
    replicas.push(await startEchoReplica('svc-1'), await startEchoReplica('svc-2'));
    // svc-3 has a port but nothing listens on it: a replica that refuses connections.
    const deadUpstream = { name: 'svc-3', host: '127.0.0.1', port: await findFreePort() };
    balancer = await startBalancer({
      upstreams: [replicas[0].upstream, replicas[1].upstream, deadUpstream],
      logger: silentLogger,
      maxBodyBytes: 1_024,
    });
  });

  afterAll(async () => {
    await balancer?.close();
    await Promise.all(replicas.map((replica) => replica.close()));
  });

  it('spreads requests over the replicas, names the one that answered, and skips a refusing one', async () => {
    // Act
    const instances: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${balancer.url}/products?page=${i}`);
      const body = await response.json();
      expect(response.status).toBe(200);
      expect(body.name).toBe(response.headers.get('x-instance'));
      instances.push(body.name);
    }

    // Assert: svc-3's turns went to the next replica.
    expect(instances).toEqual(['svc-1', 'svc-2', 'svc-1', 'svc-1', 'svc-2', 'svc-1']);
  });

  it('forwards method, path and body unchanged', async () => {
    const response = await fetch(`${balancer.url}/orders?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"customerId":"c1"}',
    });

    expect(await response.json()).toMatchObject({
      method: 'POST',
      url: '/orders?x=1',
      body: '{"customerId":"c1"}',
    });
  });

  it('answers 413 as JSON for a body over its limit', async () => {
    const response = await fetch(balancer.url, { method: 'POST', body: 'x'.repeat(2_048) });

    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 502 as JSON when no replica accepts the connection', async () => {
    const dead = await startBalancer({
      upstreams: [{ name: 'gone-1', host: '127.0.0.1', port: await findFreePort() }],
      logger: silentLogger,
    });
    try {
      const response = await fetch(dead.url);

      expect(response.status).toBe(502);
      expect((await response.json()).error.code).toBe('NO_REPLICA');
    } finally {
      await dead.close();
    }
  });
});
