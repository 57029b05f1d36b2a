/**
 * A lean SigV4-signed client for the AWS JSON protocol, for the calls a load generator makes on
 * every request (PutEvents, ReceiveMessage, DeleteMessageBatch). Measured here, an AWS SDK v3
 * `send` costs the load generator about 1 ms of CPU (its middleware stack, endpoint rules and
 * schema serde run per call); on two cores shared with the system under test that is CPU the
 * system does not get, and the measurement would partly be of the generator. This client signs
 * with the SDK's own signer and credentials and sends with undici, so it stays correct against
 * AWS while costing a fraction per call. Set-up calls keep using the SDK.
 */
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { Pool } from 'undici';

export interface AwsJsonService {
  /** SigV4 signing name: `events`, `sqs`. */
  signingName: string;
  /** X-Amz-Target prefix: `AWSEvents`, `AmazonSQS`. */
  targetPrefix: string;
  /** `1.0` (SQS) or `1.1` (EventBridge). */
  jsonVersion: '1.0' | '1.1';
}

export const EVENTBRIDGE_JSON: AwsJsonService = {
  signingName: 'events',
  targetPrefix: 'AWSEvents',
  jsonVersion: '1.1',
};
export const SQS_JSON: AwsJsonService = {
  signingName: 'sqs',
  targetPrefix: 'AmazonSQS',
  jsonVersion: '1.0',
};

export interface AwsJsonClientOptions {
  service: AwsJsonService;
  /** `http://127.0.0.1:4566`, or the service's regional AWS endpoint. */
  endpoint: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  connections: number;
}

/** An AWS error answer: `code` is the `__type` without its namespace. */
export class AwsJsonError extends Error {
  override readonly name = 'AwsJsonError';

  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
  ) {
    super(`${code} (HTTP ${statusCode}): ${message}`);
  }
}

export interface AwsJsonClient {
  call<T>(operation: string, input: object, signal?: AbortSignal): Promise<T>;
  close(): Promise<void>;
}

/** The SignatureV4 hash contract on node:crypto (the SDK's pure-JS default is slower). */
class NodeSha256 {
  private readonly hash;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toKey(secret));
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : toKey(data));
  }

  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

function toKey(value: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(value);
}

export function createAwsJsonClient(options: AwsJsonClientOptions): AwsJsonClient {
  const url = new URL(options.endpoint);
  const pool = new Pool(url.origin, {
    connections: options.connections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
  });
  const signer = new SignatureV4({
    service: options.service.signingName,
    region: options.region,
    credentials: options.credentials,
    sha256: NodeSha256,
  });
  const contentType = `application/x-amz-json-${options.service.jsonVersion}`;
  const path = url.pathname || '/';

  return {
    async call<T>(operation: string, input: object, signal?: AbortSignal): Promise<T> {
      const body = JSON.stringify(input);
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path,
        query: {},
        headers: {
          host: url.host,
          'content-type': contentType,
          'x-amz-target': `${options.service.targetPrefix}.${operation}`,
        },
        body,
      });
      const response = await pool.request({
        method: 'POST',
        path,
        headers: signed.headers,
        body,
        signal,
      });
      const text = await response.body.text();
      const answer = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (response.statusCode >= 200 && response.statusCode < 300) return answer as T;
      const type = String(answer.__type ?? `HTTP${response.statusCode}`);
      throw new AwsJsonError(
        type.slice(type.lastIndexOf('#') + 1),
        response.statusCode,
        String(answer.message ?? answer.Message ?? text),
      );
    },
    close: () => pool.close(),
  };
}
