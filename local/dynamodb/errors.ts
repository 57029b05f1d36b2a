/**
 * DynamoDB's error types as the local cloud answers them. AWS qualifies each `__type` with the
 * namespace of the component that raised it; clients strip everything up to `#`, but we keep
 * AWS's exact strings so raw-HTTP callers see what AWS sends.
 */
import { AwsError } from '../errors.ts';
import type { AwsResponse } from '../types.ts';
import type { DynaliteError } from './dynalite.ts';

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';
const NAMESPACES: Record<string, string> = {
  ValidationException: 'com.amazon.coral.validate',
  SerializationException: 'com.amazon.coral.service',
  UnknownOperationException: 'com.amazon.coral.service',
};

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

export function validationException(message: string): AwsError {
  return new AwsError('ValidationException', message);
}

export function serializationException(message: string): AwsError {
  return new AwsError('SerializationException', message);
}

/** One entry of `CancellationReasons`, in request order. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Record<string, unknown>;
}

/** The whole transaction was rolled back; `reasons` has one entry per TransactItem. */
export function transactionCanceledException(reasons: CancellationReason[]): AwsError {
  const codes = reasons.map((reason) => reason.Code).join(', ');
  return new AwsError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    400,
    { CancellationReasons: reasons },
  );
}

export function jsonResponse(body: unknown): AwsResponse {
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': crypto.randomUUID() },
    body: JSON.stringify(body),
  };
}

/**
 * The wire form of an error. TransactionCanceledException carries `Message` (capital M) as AWS
 * sends it; the other types carry `message`.
 */
export function errorResponse(err: AwsError): AwsResponse {
  const type = `${NAMESPACES[err.code] ?? DYNAMODB}#${err.code}`;
  const messageKey = err.code === 'TransactionCanceledException' ? 'Message' : 'message';
  return {
    status: err.status,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      'x-amzn-errortype': err.code,
      'x-amzn-requestid': crypto.randomUUID(),
    },
    body: JSON.stringify({ __type: type, [messageKey]: err.message, ...err.extra }),
  };
}

/** dynalite's own error, answered with the status and body dynalite gives it. */
export function dynaliteErrorResponse(err: DynaliteError & { statusCode: number }): AwsResponse {
  const code = err.body?.__type.split('#').pop() ?? 'InternalFailure';
  return {
    status: err.statusCode,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      'x-amzn-errortype': code,
      'x-amzn-requestid': crypto.randomUUID(),
    },
    body: JSON.stringify(err.body ?? { __type: code, message: err.message }),
  };
}
