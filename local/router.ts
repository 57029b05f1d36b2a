/**
 * Decides which service a request is for. The order follows how LocalStack routes one port:
 * the SigV4 credential scope first, then `X-Amz-Target`, then Lambda's REST paths, then a
 * query-protocol `Action` in the form body.
 */
import type { AwsRequest, ServiceName } from './types.ts';

const TARGET_PREFIXES: Record<string, ServiceName> = {
  DynamoDB_20120810: 'dynamodb',
  AmazonSQS: 'sqs',
  AWSEvents: 'events',
};

const SCOPE_SERVICES: Record<string, ServiceName> = {
  dynamodb: 'dynamodb',
  sqs: 'sqs',
  events: 'events',
  lambda: 'lambda',
};

const LAMBDA_PATH = /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings)(\/|$)/;

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

/** Reads `Credential=AKID/date/region/service/aws4_request` from the header or a presigned query. */
export function parseCredentialScope(
  headers: Record<string, string>,
  query: URLSearchParams,
): CredentialScope | undefined {
  const auth = headers.authorization ?? '';
  const fromHeader = /Credential=([^,\s]+)/.exec(auth)?.[1];
  const credential = fromHeader ?? query.get('X-Amz-Credential') ?? undefined;
  if (!credential) return undefined;
  const [accessKeyId, , region, service] = credential.split('/');
  if (!accessKeyId || !region || !service) return undefined;
  return { accessKeyId, region, service };
}

export function routeRequest(
  req: Pick<AwsRequest, 'path' | 'headers' | 'query' | 'body' | 'method'>,
): ServiceName | undefined {
  const target = req.headers['x-amz-target'];
  if (target) {
    const prefix = target.split('.')[0] ?? '';
    if (TARGET_PREFIXES[prefix]) return TARGET_PREFIXES[prefix];
  }
  const scope = parseCredentialScope(req.headers, req.query);
  if (scope && SCOPE_SERVICES[scope.service]) return SCOPE_SERVICES[scope.service];
  if (LAMBDA_PATH.test(req.path)) return 'lambda';
  if (req.query.has('Action')) return 'sqs';
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(req.body.toString('utf8'));
    if (form.has('Action')) return 'sqs';
  }
  return undefined;
}
