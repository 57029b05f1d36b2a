/**
 * The HTTP shell both services share: fastify with a body limit, JSON errors for everything that
 * can go wrong before or inside a route, `GET /health` that checks the database, and the replica's
 * name on every response.
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import type pg from 'pg';
import { ZodError } from 'zod';
import type { Logger } from '../../src/shared/logger.ts';
import { ServiceError } from './errors.ts';

export interface ServiceAppOptions {
  /** `catalog`, `orders`: appears in /health. */
  service: string;
  pool: pg.Pool;
  logger: Logger;
  /** Requests with a larger body get 413. */
  bodyLimitBytes: number;
  /** Sent as `X-Instance` so a caller behind a balancer sees which replica answered. */
  instanceId?: string;
}

/** Maps what fastify and zod throw onto the registry; anything else is a 500. */
export function toServiceError(err: unknown): ServiceError {
  if (err instanceof ServiceError) return err;
  if (err instanceof ZodError) {
    const details = err.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    const first = details[0];
    return new ServiceError(
      'VALIDATION_FAILED',
      `Invalid request: ${first ? `${first.path || '(body)'}: ${first.message}` : 'see details'}.`,
      details,
    );
  }
  const fastifyError = err as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ServiceError(
        'PAYLOAD_TOO_LARGE',
        'Request body is too large; send a smaller one.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ServiceError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ServiceError('MALFORMED_JSON', 'The body is empty; send a JSON object.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ServiceError('MALFORMED_JSON', 'The body is not valid JSON.');
  }
  if (err instanceof SyntaxError || fastifyError.statusCode === 400) {
    return new ServiceError(
      'MALFORMED_JSON',
      `The body could not be parsed: ${fastifyError.message}`,
    );
  }
  return new ServiceError('INTERNAL', 'Internal error; try again later.');
}

export function createServiceApp(options: ServiceAppOptions): FastifyInstance {
  const { logger } = options;
  const app = Fastify({
    bodyLimit: options.bodyLimitBytes,
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // Replicas sit behind a balancer: keep connections open longer than it does, so it never
    // writes onto a socket we are closing.
    keepAliveTimeout: 65_000,
  });

  if (options.instanceId) {
    const instanceId = options.instanceId;
    app.addHook('onSend', async (_request, reply) => {
      reply.header('x-instance', instanceId);
    });
  }

  app.setErrorHandler((err, request, reply) => {
    const serviceError = toServiceError(err);
    if (serviceError.statusCode >= 500) {
      logger.error({ err, method: request.method, url: request.url }, 'request failed');
    } else {
      logger.debug({ code: serviceError.code, url: request.url }, 'request rejected');
    }
    return reply.code(serviceError.statusCode).send(serviceError.toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    const err = new ServiceError(
      'ROUTE_NOT_FOUND',
      `No route serves ${request.method} ${request.url}.`,
    );
    return reply.code(err.statusCode).send(err.toBody());
  });

  app.get('/health', async (_request, reply) => {
    try {
      await options.pool.query('SELECT 1');
      return { status: 'ok', service: options.service, instance: options.instanceId ?? null };
    } catch (err) {
      logger.warn({ err }, 'health check: database unreachable');
      const answer = new ServiceError('DATABASE_UNAVAILABLE', 'The database is unreachable.');
      return reply.code(answer.statusCode).send(answer.toBody());
    }
  });

  return app;
}
