/**
 * The local cloud: one HTTP server on one port (4566 by default, like LocalStack) in front of
 * DynamoDB, SQS, EventBridge and Lambda. This file only parses, routes and answers; every AWS
 * behaviour lives in the service folders.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createLogger, type Logger } from '../src/shared/logger.ts';
import { defaultStateDir, PROJECT_ROOT } from '../src/shared/state-dir.ts';
import { registerContainerRoutes } from './containers/routes.ts';
import { ContainerSupervisor } from './containers/supervisor.ts';
import { type CloudContext, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './context.ts';
import { createDynamoDbService } from './dynamodb/index.ts';
import { AwsError, awsJsonError } from './errors.ts';
import { createEventsService } from './events/index.ts';
import { healthBody } from './health.ts';
import { createLambdaService, type LambdaServiceOptions } from './lambda/index.ts';
import { parseCredentialScope, routeRequest } from './router.ts';
import { createSqsService } from './sqs/index.ts';
import type { AwsRequest, ServiceHandler, ServiceName } from './types.ts';

/** Lambda's synchronous payload limit is 6 MiB; leave room for it to answer 413 itself. */
const BODY_LIMIT_BYTES = 8 * 1024 * 1024;

export interface LocalCloudOptions {
  port?: number;
  host?: string;
  logger?: Logger;
  lambda?: LambdaServiceOptions;
  now?: () => number;
  /** Where service commands run. @default the repository root */
  projectRoot?: string;
  /** Service logs and PostgreSQL data. @default `NOVAMART_STATE_DIR` or `.novamart/` */
  stateDir?: string;
}

export interface LocalCloud {
  /** `http://host:port`, what SDK clients take as `endpoint`. */
  endpoint: string;
  port: number;
  context: CloudContext;
  services: Record<ServiceName, ServiceHandler>;
  /** The services and databases the deployer asked for. */
  containers: ContainerSupervisor;
  close(): Promise<void>;
}

function lowerCaseHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function accountFromAccessKey(accessKeyId: string | undefined): string {
  return accessKeyId && /^\d{12}$/.test(accessKeyId) ? accessKeyId : DEFAULT_ACCOUNT_ID;
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const logger = options.logger ?? createLogger('local-cloud');
  const host = options.host ?? '127.0.0.1';
  const context: CloudContext = {
    region: DEFAULT_REGION,
    accountId: DEFAULT_ACCOUNT_ID,
    logger,
    now: options.now ?? Date.now,
    endpoint: '',
  };

  const sqs = createSqsService(context);
  context.sqs = sqs;
  const lambda = createLambdaService(context, options.lambda);
  context.lambda = lambda;
  const events = createEventsService(context);
  const dynamodb = await createDynamoDbService(context);
  const services: Record<ServiceName, ServiceHandler> = { dynamodb, sqs, events, lambda };

  const app: FastifyInstance = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    // Close must not wait for requests still in flight (a 15-minute Lambda invoke, a 20 s long poll)
    // nor for keep-alive sockets that become idle after close began: destroy them all.
    forceCloseConnections: true,
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const containers = new ContainerSupervisor({
    logger,
    projectRoot: options.projectRoot ?? PROJECT_ROOT,
    stateDir: options.stateDir ?? defaultStateDir(),
  });
  registerContainerRoutes(app, containers);

  app.get('/_localstack/health', async (_req, reply) => {
    reply
      .header('content-type', 'application/json')
      .send(healthBody(Object.keys(services) as ServiceName[]));
  });

  app.all('/*', async (request, reply) => {
    const url = new URL(request.url, 'http://local');
    const headers = lowerCaseHeaders(request.headers);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const scope = parseCredentialScope(headers, url.searchParams);
    const target = headers['x-amz-target'];
    const awsRequest: AwsRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body,
      region: scope?.region ?? DEFAULT_REGION,
      accountId: accountFromAccessKey(scope?.accessKeyId),
      targetOperation: target?.includes('.') ? target.slice(target.indexOf('.') + 1) : undefined,
      origin: `http://${headers.host ?? `${host}:${context.endpoint.split(':').pop()}`}`,
    };

    const serviceName = routeRequest(awsRequest);
    if (!serviceName) {
      const named = target ?? scope?.service;
      const err = new AwsError(
        'UnknownOperationException',
        named
          ? `The local cloud serves DynamoDB, SQS, EventBridge and Lambda; "${named}" is none of them.`
          : `No service of the local cloud serves ${request.method} ${url.pathname}. ` +
              'Sign the request (SigV4) or send X-Amz-Target so it can be routed.',
      );
      const answer = awsJsonError(err);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    }

    try {
      const response = await services[serviceName].handle(awsRequest);
      reply.code(response.status);
      if (response.headers) reply.headers(response.headers);
      if (!response.headers?.['x-amzn-requestid'])
        reply.header('x-amzn-requestid', crypto.randomUUID());
      return reply.send(response.body ?? '');
    } catch (err) {
      // Services answer their own AwsErrors; anything reaching here is a bug in the local cloud.
      logger.error({ err, service: serviceName, path: url.pathname }, 'service failed');
      const answer = awsJsonError(new AwsError('InternalFailure', String(err), 500));
      return reply.code(500).headers(answer.headers).send(answer.body);
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const tooLarge = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    const answer = awsJsonError(
      new AwsError(
        tooLarge ? 'RequestEntityTooLargeException' : 'SerializationException',
        tooLarge ? `Request must be smaller than ${BODY_LIMIT_BYTES} bytes.` : err.message,
        tooLarge ? 413 : (err.statusCode ?? 400),
      ),
    );
    reply.code(answer.status).headers(answer.headers).send(answer.body);
  });

  await app.listen({ port: options.port ?? 4566, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4566);
  context.endpoint = `http://${host}:${port}`;

  return {
    endpoint: context.endpoint,
    port,
    context,
    services,
    containers,
    async close() {
      await app.close();
      await containers.close();
      for (const service of Object.values(services)) await service.close?.();
    },
  };
}
