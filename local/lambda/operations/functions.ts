/** CreateFunction, GetFunction, ListFunctions, DeleteFunction and the update operations. */
import { randomUUID } from 'node:crypto';
import { functionArn, parseFunctionRef } from '../arns.ts';
import { type CodeInput, materializeCode } from '../code-bundle.ts';
import { checkIntegerRange, invalidParameter, resourceConflict } from '../errors.ts';
import {
  DEFAULT_MEMORY_SIZE_MB,
  DEFAULT_TIMEOUT_SECONDS,
  readFunctionSettings,
} from '../function-settings.ts';
import {
  type LambdaFunction,
  lambdaTimestamp,
  toFunctionConfiguration,
} from '../lambda-function.ts';
import { checkRuntime } from '../runtimes.ts';
import { jsonResponse, type Operation, parseJsonBody } from '../service-state.ts';

const DEFAULT_ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;
const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21600;

export const createFunction: Operation = async (state, req) => {
  const body = parseJsonBody(req);
  const { name, qualifier } = parseFunctionRef(String(body.FunctionName ?? ''));
  if (qualifier)
    throw invalidParameter('CreateFunction takes a function name without a qualifier.');
  if (body.PackageType === 'Image') {
    throw invalidParameter(
      'Container images are not served by the local cloud; use PackageType Zip.',
    );
  }
  checkRuntime(body.Runtime);
  if (body.Handler === undefined)
    throw invalidParameter('Handler is required for Zip functions, e.g. index.handler.');
  const settings = readFunctionSettings(body);
  if (state.registry.has(name)) {
    throw resourceConflict(`Function already exist: ${name}`);
  }

  const code = materializeCode(body.Code as CodeInput | undefined, name);
  const fn: LambdaFunction = {
    name,
    arn: functionArn(state.ctx, name),
    runtime: settings.runtime!,
    role: settings.role ?? DEFAULT_ROLE,
    handler: settings.handler!,
    description: settings.description ?? '',
    timeoutSeconds: settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    memorySizeMb: settings.memorySizeMb ?? DEFAULT_MEMORY_SIZE_MB,
    environment: settings.environment ?? {},
    deadLetterTargetArn: settings.deadLetterTargetArn ?? undefined,
    maximumRetryAttempts: DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
    maximumEventAgeSeconds: DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
    tags: (body.Tags as Record<string, string> | undefined) ?? {},
    code,
    retiredCode: [],
    lastModified: lambdaTimestamp(state.ctx.now()),
    revisionId: randomUUID(),
    pool: undefined as never, // set below: the pool reads the function it belongs to
  };
  fn.pool = state.createPool(() => fn);
  state.registry.add(fn);
  state.ctx.logger.info({ function: name, codeDir: code.dir }, 'function created');
  return jsonResponse(201, toFunctionConfiguration(fn));
};

export const getFunction: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource, req.query.get('Qualifier'));
  return jsonResponse(200, {
    Configuration: toFunctionConfiguration(fn),
    Code: { RepositoryType: 'S3', Location: fn.code.location },
    Concurrency:
      fn.reservedConcurrency === undefined
        ? undefined
        : { ReservedConcurrentExecutions: fn.reservedConcurrency },
    Tags: fn.tags,
  });
};

export const getFunctionConfiguration: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource, req.query.get('Qualifier'));
  return jsonResponse(200, toFunctionConfiguration(fn));
};

export const listFunctions: Operation = async (state, req) => {
  const maxItems =
    checkIntegerRange('maxItems', numberParam(req.query.get('MaxItems')), 1, 10000) ?? 50;
  const start = Number(req.query.get('Marker') ?? 0) || 0;
  const all = state.registry.list();
  const page = all.slice(start, start + maxItems);
  const next = start + maxItems < all.length ? String(start + maxItems) : undefined;
  return jsonResponse(200, { Functions: page.map(toFunctionConfiguration), NextMarker: next });
};

export const deleteFunction: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource, req.query.get('Qualifier'));
  // A mapping without its function could only fail; the local cloud removes it with the function.
  await state.mappings.removeForFunction(fn.name);
  await state.registry.remove(fn);
  state.ctx.logger.info({ function: fn.name }, 'function deleted');
  return { status: 204 };
};

export const updateFunctionCode: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource);
  const body = parseJsonBody(req);
  const code = materializeCode(body as CodeInput, fn.name);
  // Processes still running the old code keep their folder until the function goes.
  fn.retiredCode.push(fn.code);
  fn.code = code;
  touch(fn, state.ctx.now());
  fn.pool.restart();
  return jsonResponse(200, toFunctionConfiguration(fn));
};

export const updateFunctionConfiguration: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource);
  const settings = readFunctionSettings(parseJsonBody(req));
  if (settings.runtime) fn.runtime = settings.runtime;
  if (settings.handler) fn.handler = settings.handler;
  if (settings.role) fn.role = settings.role;
  if (settings.description !== undefined) fn.description = settings.description;
  if (settings.timeoutSeconds) fn.timeoutSeconds = settings.timeoutSeconds;
  if (settings.memorySizeMb) fn.memorySizeMb = settings.memorySizeMb;
  if (settings.environment) fn.environment = settings.environment;
  if (settings.deadLetterTargetArn !== undefined) {
    fn.deadLetterTargetArn = settings.deadLetterTargetArn ?? undefined;
  }
  touch(fn, state.ctx.now());
  fn.pool.restart();
  return jsonResponse(200, toFunctionConfiguration(fn));
};

/** Permissions are not enforced locally; the statement is echoed so deployers can proceed. */
export const addPermission: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource);
  const body = parseJsonBody(req);
  const statement = {
    Sid: body.StatementId,
    Effect: 'Allow',
    Principal: { Service: body.Principal },
    Action: body.Action,
    Resource: fn.arn,
  };
  return jsonResponse(201, { Statement: JSON.stringify(statement) });
};

function touch(fn: LambdaFunction, nowMs: number): void {
  fn.lastModified = lambdaTimestamp(nowMs);
  fn.revisionId = randomUUID();
}

function numberParam(value: string | null): number | undefined {
  return value === null ? undefined : Number(value);
}
