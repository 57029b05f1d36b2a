/** Reserved concurrency and the async-invocation settings (PutFunctionEventInvokeConfig). */
import { checkIntegerRange, resourceNotFound, validationError } from '../errors.ts';
import type { LambdaFunction } from '../lambda-function.ts';
import { jsonResponse, type Operation, parseJsonBody } from '../service-state.ts';

/** Lambda's default account concurrency limit. */
const ACCOUNT_CONCURRENCY_LIMIT = 1000;

export const putFunctionConcurrency: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource);
  const body = parseJsonBody(req);
  const reserved = checkIntegerRange(
    'reservedConcurrentExecutions',
    body.ReservedConcurrentExecutions,
    0,
    ACCOUNT_CONCURRENCY_LIMIT,
  );
  if (reserved === undefined) {
    throw validationError('reservedConcurrentExecutions', 'null', 'Member must not be null');
  }
  fn.reservedConcurrency = reserved;
  fn.pool.serveWaiters();
  return jsonResponse(200, { ReservedConcurrentExecutions: reserved });
};

export const getFunctionConcurrency: Operation = async (state, _req, resource) => {
  const fn = state.registry.get(resource);
  return jsonResponse(
    200,
    fn.reservedConcurrency === undefined
      ? {}
      : { ReservedConcurrentExecutions: fn.reservedConcurrency },
  );
};

export const deleteFunctionConcurrency: Operation = async (state, _req, resource) => {
  const fn = state.registry.get(resource);
  fn.reservedConcurrency = undefined;
  fn.pool.serveWaiters();
  return { status: 204 };
};

export const putFunctionEventInvokeConfig: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource);
  const body = parseJsonBody(req);
  const retries = checkIntegerRange('maximumRetryAttempts', body.MaximumRetryAttempts, 0, 2);
  const maxAge = checkIntegerRange(
    'maximumEventAgeInSeconds',
    body.MaximumEventAgeInSeconds,
    60,
    21600,
  );
  // Put replaces the whole configuration: omitted fields return to their defaults.
  fn.maximumRetryAttempts = retries ?? 2;
  fn.maximumEventAgeSeconds = maxAge ?? 21600;
  fn.eventInvokeConfigLastModifiedMs = state.ctx.now();
  return jsonResponse(200, eventInvokeConfig(fn));
};

export const getFunctionEventInvokeConfig: Operation = async (state, _req, resource) => {
  const fn = state.registry.get(resource);
  if (fn.eventInvokeConfigLastModifiedMs === undefined) {
    throw resourceNotFound(`The function ${fn.arn} doesn't have an EventInvokeConfig`);
  }
  return jsonResponse(200, eventInvokeConfig(fn));
};

function eventInvokeConfig(fn: LambdaFunction) {
  return {
    FunctionArn: `${fn.arn}:$LATEST`,
    MaximumRetryAttempts: fn.maximumRetryAttempts,
    MaximumEventAgeInSeconds: fn.maximumEventAgeSeconds,
    LastModified: (fn.eventInvokeConfigLastModifiedMs ?? 0) / 1000,
    DestinationConfig: {},
  };
}
