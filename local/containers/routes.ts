/**
 * The local cloud's own API under `/_novamart/`, which the embedded deployer uses to run what
 * AWS would run as ECS services and RDS instances. Not an AWS API.
 */
import type { FastifyInstance } from 'fastify';
import type { DatabaseSpec, ServiceSpec } from '../../src/deploy/containers/container-host.ts';
import type { ContainerSupervisor } from './supervisor.ts';

function parseJson<T>(body: unknown): T {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
  return JSON.parse(text || '{}') as T;
}

export function registerContainerRoutes(
  app: FastifyInstance,
  supervisor: ContainerSupervisor,
): void {
  const fail = (reply: { code(n: number): { send(b: unknown): unknown } }, err: unknown) =>
    reply.code(500).send({ error: { code: 'ContainerFailed', message: (err as Error).message } });

  app.put<{ Params: { name: string } }>('/_novamart/services/:name', async (request, reply) => {
    try {
      const spec = parseJson<ServiceSpec>(request.body);
      return await supervisor.runService({ ...spec, name: request.params.name });
    } catch (err) {
      return fail(reply, err);
    }
  });
  app.delete<{ Params: { name: string } }>('/_novamart/services/:name', async (request) => {
    await supervisor.stopService(request.params.name);
    return {};
  });
  app.put<{ Params: { name: string } }>('/_novamart/databases/:name', async (request, reply) => {
    try {
      const spec = parseJson<DatabaseSpec>(request.body);
      return await supervisor.runDatabase({ ...spec, name: request.params.name });
    } catch (err) {
      return fail(reply, err);
    }
  });
  app.delete<{ Params: { name: string } }>('/_novamart/databases/:name', async (request) => {
    await supervisor.stopDatabase(request.params.name);
    return {};
  });
  app.get('/_novamart/processes', async () => ({
    root: { pid: process.pid, role: 'local-cloud' },
    processes: supervisor.processes(),
  }));
}
