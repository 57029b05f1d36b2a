/** The shapes every service of the local cloud speaks: one parsed HTTP request in, one response out. */

export type ServiceName = 'dynamodb' | 'sqs' | 'events' | 'lambda';

export interface AwsRequest {
  method: string;
  /** Path without the query string, e.g. `/2015-03-31/functions/f/invocations`. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
  /** Taken from the SigV4 credential scope; `us-east-1` when the request is unsigned. */
  region: string;
  accountId: string;
  /** The operation named by `X-Amz-Target` after the dot, when there is one. */
  targetOperation?: string;
  /** `http://host:port` as the client reached us, for URLs we hand back (queue URLs). */
  origin: string;
}

export interface AwsResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface ServiceHandler {
  readonly name: ServiceName;
  handle(req: AwsRequest): Promise<AwsResponse>;
  /** Stops timers and child processes; state may be dropped. */
  close?(): Promise<void>;
}
