/**
 * The JSON wire protocol (awsJson1.0, `X-Amz-Target: AmazonSQS.<Op>`), what current SDKs and
 * CLIs speak. Errors carry the JSON type in the body and the query-protocol code in
 * `x-amzn-query-error`, which SDKs with the awsQueryCompatible trait surface as the error code.
 */
import { AwsError, awsJsonError } from '../errors.ts';
import type { AwsRequest, AwsResponse } from '../types.ts';
import { queryErrorCode } from './errors.ts';
import type { SqsInput, SqsOutput } from './operations/context.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

export function isJsonRequest(req: AwsRequest): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-amz-json');
}

export function parseJsonRequest(req: AwsRequest): { operation: string; input: SqsInput } {
  const operation = req.targetOperation;
  if (!operation) {
    throw new AwsError(
      'MissingAction',
      'The request must name its operation in X-Amz-Target: AmazonSQS.<Operation>.',
    );
  }
  const text = req.body.toString('utf8');
  if (text.trim() === '') return { operation, input: {} };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new AwsError(
      'SerializationException',
      `The request body is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  }
  return { operation, input: input as SqsInput };
}

export function jsonResponse(output: SqsOutput): AwsResponse {
  return { status: 200, headers: { 'content-type': CONTENT_TYPE }, body: JSON.stringify(output) };
}

export function jsonErrorResponse(err: AwsError): AwsResponse {
  const answer = awsJsonError(err, 'com.amazonaws.sqs');
  const fault = err.senderFault ? 'Sender' : 'Receiver';
  return {
    status: answer.status,
    headers: {
      ...answer.headers,
      'content-type': CONTENT_TYPE,
      'x-amzn-query-error': `${queryErrorCode(err.code)};${fault}`,
    },
    body: answer.body,
  };
}
