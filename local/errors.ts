/**
 * An error that the local cloud answers with on the wire. `code` is AWS's error type exactly as
 * AWS spells it (`QueueDoesNotExist`, `ResourceNotFoundException`, ...); each protocol module turns
 * it into the body shape its clients expect.
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra members merged into a JSON error body (e.g. `CancellationReasons`). */
    readonly extra: Record<string, unknown> = {},
    /** Extra response headers (e.g. `Retry-After`). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get senderFault(): boolean {
    return this.status < 500;
  }
}

export function isAwsError(err: unknown): err is AwsError {
  return err instanceof AwsError;
}

/** A JSON-protocol error body (`awsJson1_0` / `awsJson1_1`), the shape DynamoDB and EventBridge use. */
export function awsJsonError(
  err: AwsError,
  namespace?: string,
): {
  status: number;
  headers: Record<string, string>;
  body: string;
} {
  const type = namespace ? `${namespace}#${err.code}` : err.code;
  return {
    status: err.status,
    headers: { 'x-amzn-errortype': err.code, ...err.headers },
    body: JSON.stringify({ __type: type, message: err.message, ...err.extra }),
  };
}
