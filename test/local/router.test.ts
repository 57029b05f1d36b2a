import { describe, expect, it } from 'vitest';
import { parseCredentialScope, routeRequest } from '../../local/router.ts';

const signed = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=test/20261203/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=x`,
});

function request(headers: Record<string, string>, path = '/', body = '', query = '') {
  return {
    method: 'POST',
    path,
    headers,
    query: new URLSearchParams(query),
    body: Buffer.from(body),
  };
}

describe('routeRequest', () => {
  it('routes by X-Amz-Target prefix', () => {
    expect(routeRequest(request({ 'x-amz-target': 'DynamoDB_20120810.GetItem' }))).toBe('dynamodb');
    expect(routeRequest(request({ 'x-amz-target': 'AmazonSQS.SendMessage' }))).toBe('sqs');
    expect(routeRequest(request({ 'x-amz-target': 'AWSEvents.PutEvents' }))).toBe('events');
  });

  it('routes by the SigV4 credential scope', () => {
    expect(routeRequest(request(signed('sqs')))).toBe('sqs');
    expect(routeRequest(request(signed('lambda'), '/2015-03-31/functions'))).toBe('lambda');
  });

  it('routes unsigned Lambda REST paths and query-protocol forms', () => {
    expect(routeRequest(request({}, '/2015-03-31/functions/f/invocations'))).toBe('lambda');
    expect(routeRequest(request({}, '/2015-03-31/event-source-mappings/'))).toBe('lambda');
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    expect(routeRequest(request(form, '/', 'Action=ListQueues&Version=2012-11-05'))).toBe('sqs');
  });

  it('leaves unknown requests unrouted', () => {
    expect(routeRequest(request({}, '/nothing'))).toBeUndefined();
  });
});

describe('parseCredentialScope', () => {
  it('reads region and service from the header or a presigned query', () => {
    expect(parseCredentialScope(signed('events'), new URLSearchParams())).toEqual({
      accessKeyId: 'test',
      region: 'eu-west-1',
      service: 'events',
    });
    const query = new URLSearchParams({
      'X-Amz-Credential': '123456789012/20261203/us-west-2/sqs/aws4_request',
    });
    expect(parseCredentialScope({}, query)?.region).toBe('us-west-2');
  });
});
