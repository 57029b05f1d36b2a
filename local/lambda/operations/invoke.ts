/**
 * Invoke: `RequestResponse` runs now or answers 429 at the concurrency cap, `Event` queues
 * (202), `DryRun` only checks (204). A function error is still HTTP 200, flagged by
 * `X-Amz-Function-Error`.
 */
import { AwsError } from '../../errors.ts';
import type { AwsResponse } from '../../types.ts';
import { LATEST } from '../arns.ts';
import { invalidParameter } from '../errors.ts';
import { runInvocation } from '../run-invocation.ts';
import type { Operation } from '../service-state.ts';

/** 6 MiB, Lambda's limit for synchronous request and response payloads. */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
/** 1 MiB since October 2025 (it was 256 KiB). */
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
const LOG_TAIL_BYTES = 4096;

export const invoke: Operation = async (state, req, resource) => {
  const fn = state.registry.get(resource, req.query.get('Qualifier'));
  const invocationType = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
    throw invalidParameter(
      `X-Amz-Invocation-Type '${invocationType}' is not valid: use RequestResponse, Event or DryRun.`,
    );
  }
  const limitBytes = invocationType === 'Event' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
  if (req.body.length > limitBytes) {
    throw new AwsError(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${limitBytes} bytes for the InvokeFunction operation`,
      413,
    );
  }
  const payload = req.body.toString('utf8');
  checkJson(payload);

  if (invocationType === 'DryRun') {
    return { status: 204, headers: { 'x-amz-executed-version': LATEST } };
  }
  if (invocationType === 'Event') {
    const requestId = state.asyncInvoker.enqueue(fn.name, payload);
    return { status: 202, headers: { 'x-amzn-requestid': requestId } };
  }

  const proc = fn.pool.tryAcquire();
  if (!proc) {
    throw new AwsError(
      'TooManyRequestsException',
      'Rate Exceeded.',
      429,
      { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
      { 'retry-after': '1' },
    );
  }
  const result = await runInvocation(fn, proc, payload, state.logs);
  return syncResponse(result, req.headers['x-amz-log-type'] === 'Tail');
};

function syncResponse(
  result: Awaited<ReturnType<typeof runInvocation>>,
  withLogTail: boolean,
): AwsResponse {
  let body = result.body;
  let errorType = result.errorType;
  // Cheap pre-check: a string under 1.5 Mi characters cannot exceed 6 MiB of UTF-8.
  if (
    body.length > MAX_SYNC_PAYLOAD_BYTES / 4 &&
    Buffer.byteLength(body) > MAX_SYNC_PAYLOAD_BYTES
  ) {
    errorType = 'Function.ResponseSizeTooLarge';
    body = JSON.stringify({
      errorType,
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD_BYTES} bytes).`,
    });
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-amzn-requestid': result.requestId,
    'x-amz-executed-version': LATEST,
  };
  if (errorType) headers['x-amz-function-error'] = 'Unhandled';
  if (withLogTail) {
    const log = Buffer.from(`${result.logLines.join('\n')}\n`);
    headers['x-amz-log-result'] = log.subarray(-LOG_TAIL_BYTES).toString('base64');
  }
  return { status: 200, headers, body };
}

function checkJson(payload: string): void {
  if (payload.trim() === '') return;
  try {
    JSON.parse(payload);
  } catch (err) {
    throw new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${(err as Error).message}`,
      400,
    );
  }
}
