import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AwsJsonError,
  createAwsJsonClient,
  EVENTBRIDGE_JSON,
  SQS_JSON,
} from '../../../loadtests/scenarios/aws-json-client.ts';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

describe('the lean AWS JSON client', () => {
  const clients: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
  });
  const clientFor = (service: typeof SQS_JSON, endpoint = fixture.endpoint) => {
    const client = createAwsJsonClient({
      service,
      endpoint,
      region: 'eu-west-1',
      credentials,
      connections: 2,
    });
    clients.push(client);
    return client;
  };

  it('sends, receives and deletes SQS messages in the JSON protocol', async () => {
    // Arrange
    const sqs = clientFor(SQS_JSON);
    const { QueueUrl } = await sqs.call<{ QueueUrl: string }>('CreateQueue', {
      QueueName: 'lean-client-test',
    });

    // Act
    await sqs.call('SendMessage', { QueueUrl, MessageBody: 'hello' });
    const received = await sqs.call<{ Messages: { Body: string; ReceiptHandle: string }[] }>(
      'ReceiveMessage',
      { QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 },
    );
    const deleted = await sqs.call<{ Successful: unknown[] }>('DeleteMessageBatch', {
      QueueUrl,
      Entries: [{ Id: 'a', ReceiptHandle: received.Messages[0].ReceiptHandle }],
    });

    // Assert
    expect(received.Messages.map((m) => m.Body)).toEqual(['hello']);
    expect(deleted.Successful).toHaveLength(1);
    expect(QueueUrl).toContain('lean-client-test');
  });

  it('publishes to EventBridge and reports per-entry answers', async () => {
    const events = clientFor(EVENTBRIDGE_JSON);

    const answer = await events.call<{ FailedEntryCount: number; Entries: object[] }>('PutEvents', {
      Entries: [{ Source: 'test', DetailType: 't', Detail: '{"a":1}' }, { Source: 'test' }],
    });

    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.Entries[0]).toEqual({ EventId: expect.any(String) });
    expect(answer.Entries[1]).toMatchObject({ ErrorCode: 'InvalidArgument' });
  });

  it("throws AWS's error code without its namespace", async () => {
    const sqs = clientFor(SQS_JSON);

    const call = sqs.call('ReceiveMessage', { QueueUrl: `${fixture.endpoint}/000000000000/nope` });

    await expect(call).rejects.toBeInstanceOf(AwsJsonError);
    await expect(call).rejects.toMatchObject({ code: 'QueueDoesNotExist', statusCode: 400 });
  });

  it('signs exactly as the SDK signer with its own SHA-256 would', async () => {
    // Arrange: a server that records what arrives.
    let seen: { headers: http.IncomingHttpHeaders; body: string } = { headers: {}, body: '' };
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen = { headers: req.headers, body };
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const events = clientFor(EVENTBRIDGE_JSON, `http://127.0.0.1:${port}`);

    // Act
    await events.call('ListRules', { NamePrefix: 'a' });
    server.close();

    // Assert: the same request signed with the pure-JS hash gives the same Authorization.
    const { headers } = seen;
    expect(headers['x-amz-target']).toBe('AWSEvents.ListRules');
    expect(headers['content-type']).toBe('application/x-amz-json-1.1');
    const amzDate = String(headers['x-amz-date']);
    const signingDate = new Date(
      amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    const reference = await new SignatureV4({
      service: 'events',
      region: 'eu-west-1',
      credentials,
      sha256: Sha256,
    }).sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port,
        path: '/',
        query: {},
        headers: {
          host: `127.0.0.1:${port}`,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSEvents.ListRules',
        },
        body: seen.body,
      },
      { signingDate },
    );
    expect(seen.body).toBe('{"NamePrefix":"a"}');
    expect(headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/events\//);
    expect(headers.authorization).toBe(reference.headers.authorization);
  });
});
