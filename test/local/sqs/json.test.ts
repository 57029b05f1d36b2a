/** The JSON wire protocol as raw HTTP: error body shapes and headers that SDKs depend on. */
import { describe, expect, it } from 'vitest';
import { useLocalCloud } from '../../helpers/cloud.ts';

const fixture = useLocalCloud();

async function post(target: string | undefined, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target) headers['x-amz-target'] = `AmazonSQS.${target}`;
  const response = await fetch(`${fixture.endpoint}/`, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('SQS JSON protocol', () => {
  it('answers an unknown queue with the documented type, message and x-amzn-query-error', async () => {
    const answer = await post('GetQueueUrl', JSON.stringify({ QueueName: 'missing' }));

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
    expect(answer.headers.get('x-amzn-query-error')).toBe(
      'AWS.SimpleQueueService.NonExistentQueue;Sender',
    );
    expect(answer.headers.get('content-type')).toMatch(/^application\/x-amz-json-1.0/);
  });

  it('answers a malformed JSON body with SerializationException', async () => {
    const answer = await post('ListQueues', '{"QueueNamePrefix": ');

    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('com.amazonaws.sqs#SerializationException');
    expect(answer.body.message).toContain('not valid JSON');
  });

  it('answers an unknown operation with InvalidAction naming it', async () => {
    const answer = await post('FlyToTheMoon', '{}');

    expect(answer.status).toBe(400);
    expect(answer.body.__type).toBe('com.amazonaws.sqs#InvalidAction');
    expect(answer.body.message).toContain('FlyToTheMoon');
  });

  it('answers a missing required parameter with MissingParameter in the query header', async () => {
    const answer = await post('CreateQueue', '{}');

    expect(answer.body.__type).toBe('com.amazonaws.sqs#MissingRequiredParameterException');
    expect(answer.body.message).toBe('The request must contain the parameter QueueName.');
    expect(answer.headers.get('x-amzn-query-error')).toBe('MissingParameter;Sender');
  });

  it('answers an empty receive with {} and accepts bare names and LocalStack-style URLs', async () => {
    await post('CreateQueue', JSON.stringify({ QueueName: 'styles' }));
    const forms = [
      'styles',
      'http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/styles',
      'http://localhost.localstack.cloud:4566/queue/us-east-1/000000000000/styles',
      'https://sqs.us-east-1.amazonaws.com/000000000000/styles',
    ];

    const answers = await Promise.all(
      forms.map((url) => post('ReceiveMessage', JSON.stringify({ QueueUrl: url }))),
    );

    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({});
    }
  });
});
