/**
 * Hands one request to dynalite's own HTTP handler in-process and returns its answer unchanged.
 * Measured on this machine against proxying to dynalite on a loopback port (keep-alive agent):
 * see the figures in local/dynamodb/README.md.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsRequest, AwsResponse } from '../types.ts';
import type { Dynalite } from './dynalite.ts';

/**
 * dynalite refuses requests without SigV4 parts (`MissingAuthenticationTokenException`); the
 * local cloud accepts any credentials, so unsigned requests get a well-formed dummy signature.
 */
const DUMMY_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, ' +
  'SignedHeaders=host, Signature=local';

function dynaliteHeaders(headers: Record<string, string>): Record<string, string> {
  const authorization = headers.authorization ?? '';
  if (authorization.trim().startsWith('AWS4-') && (headers['x-amz-date'] || headers.date))
    return headers;
  return { ...headers, authorization: DUMMY_AUTHORIZATION, 'x-amz-date': '20000101T000000Z' };
}

/** The few members of IncomingMessage that dynalite's handler touches. */
class InProcessRequest extends EventEmitter {
  readonly url = '/';

  constructor(
    readonly method: string,
    readonly headers: Record<string, string>,
  ) {
    super();
  }
}

/** The few members of ServerResponse that dynalite's handler touches. */
class InProcessResponse {
  statusCode = 200;
  contentType?: string;
  readonly headers: Record<string, string> = {};

  constructor(private readonly finish: (response: AwsResponse) => void) {}

  setHeader(name: string, value: string | number): void {
    this.headers[name.toLowerCase()] = String(value);
  }

  end(body?: string | Buffer): void {
    this.finish({ status: this.statusCode, headers: this.headers, body: body ?? '' });
  }
}

export function forwardToDynalite(dynalite: Dynalite, req: AwsRequest): Promise<AwsResponse> {
  return new Promise((resolve, reject) => {
    const request = new InProcessRequest(req.method, dynaliteHeaders(req.headers));
    const response = new InProcessResponse(resolve);
    try {
      dynalite.handleRequest(
        request as unknown as IncomingMessage,
        response as unknown as ServerResponse,
      );
      if (req.body.length > 0) request.emit('data', req.body);
      request.emit('end');
    } catch (err) {
      reject(err);
    }
  });
}
