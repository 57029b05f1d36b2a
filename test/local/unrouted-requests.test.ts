/** Requests the one-port router cannot give to any service get an AWS-shaped 400 saying why. */
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../helpers/cloud.ts';

const fixture = useLocalCloud();

async function post(headers: Record<string, string>) {
  const res = await fetch(fixture.endpoint, { method: 'POST', headers, body: '{}' });
  return { status: res.status, body: (await res.json()) as { __type: string; message: string } };
}

describe('requests for no service of the local cloud', () => {
  it('names the X-Amz-Target of a service it does not serve', async () => {
    const answer = await post({
      'x-amz-target': 'Kinesis_20131202.ListStreams',
      'content-type': 'application/x-amz-json-1.1',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('UnknownOperationException');
    expect(answer.body.message).toBe(
      'The local cloud serves DynamoDB, SQS, EventBridge and Lambda; "Kinesis_20131202.ListStreams" is none of them.',
    );
  });

  it('names the signed service it does not serve', async () => {
    const answer = await post({
      authorization:
        'AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=x',
    });
    expect(answer.body.message).toContain('"kinesis" is none of them');
  });

  it('asks for a signature or X-Amz-Target when the request has neither', async () => {
    const answer = await post({ 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('Sign the request (SigV4) or send X-Amz-Target');
  });
});
