/**
 * A function as the local cloud holds it: its configuration as AWS reports it, its code on disk
 * and its pool of warm processes.
 */
import { fileURLToPath } from 'node:url';
import type { CloudContext } from '../context.ts';
import { LATEST } from './arns.ts';
import type { CodeBundle } from './code-bundle.ts';
import type { FunctionPool } from './runtime/function-pool.ts';

/** Node resolves bare `@aws-sdk/*` imports here, as the Lambda Node runtime provides SDK v3. */
const PROJECT_NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

export interface LambdaFunction {
  name: string;
  arn: string;
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  environment: Record<string, string>;
  deadLetterTargetArn?: string;
  /** Reserved concurrency; undefined means the service default applies. */
  reservedConcurrency?: number;
  /** Async retries after a function error (PutFunctionEventInvokeConfig). @default 2 */
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  tags: Record<string, string>;
  code: CodeBundle;
  /** Earlier uploads, kept until the function goes because old processes may still read them. */
  retiredCode: CodeBundle[];
  /** Set once PutFunctionEventInvokeConfig was called. */
  eventInvokeConfigLastModifiedMs?: number;
  /** AWS's format: `2026-12-03T17:23:26.000+0000`. */
  lastModified: string;
  revisionId: string;
  pool: FunctionPool;
}

export function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export function logGroupName(fn: Pick<LambdaFunction, 'name'>): string {
  return `/aws/lambda/${fn.name}`;
}

/** The FunctionConfiguration shape of GetFunction, ListFunctions, CreateFunction, ... */
export function toFunctionConfiguration(fn: LambdaFunction): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: fn.role,
    Handler: fn.handler,
    CodeSize: fn.code.sizeBytes,
    CodeSha256: fn.code.sha256Base64,
    Description: fn.description,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySizeMb,
    LastModified: fn.lastModified,
    Version: LATEST,
    Environment: { Variables: fn.environment },
    DeadLetterConfig: fn.deadLetterTargetArn ? { TargetArn: fn.deadLetterTargetArn } : undefined,
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: fn.revisionId,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: 'Text', LogGroup: logGroupName(fn) },
  };
}

/** Everything the child sees: the function's variables on top of what Lambda sets itself. */
export function processEnvironment(fn: LambdaFunction, ctx: CloudContext): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    NODE_PATH: PROJECT_NODE_MODULES,
    AWS_ENDPOINT_URL: ctx.endpoint,
    ...fn.environment,
    AWS_REGION: ctx.region,
    AWS_DEFAULT_REGION: ctx.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: LATEST,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySizeMb),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupName(fn),
    AWS_LAMBDA_LOG_STREAM_NAME: `${new Date().toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]local`,
    LAMBDA_TASK_ROOT: fn.code.dir,
    _HANDLER: fn.handler,
  };
}

/** Keys Lambda sets itself and refuses in `Environment.Variables`. */
export const RESERVED_ENVIRONMENT_KEYS = [
  '_HANDLER',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
];
