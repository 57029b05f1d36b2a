import { describe, expect, it } from 'vitest';
import { parseQueueUrl, queueKeyFromArn, queueUrl } from '../../../local/sqs/queue-url.ts';

const defaults = { region: 'us-east-1', accountId: '000000000000' };

describe('parseQueueUrl', () => {
  it.each([
    ['orders', 'us-east-1', '000000000000'],
    ['http://127.0.0.1:4566/123456789012/orders', 'us-east-1', '123456789012'],
    [
      'http://sqs.eu-west-1.localhost.localstack.cloud:4566/000000000000/orders',
      'eu-west-1',
      '000000000000',
    ],
    [
      'http://eu-central-1.queue.localhost.localstack.cloud:4566/000000000000/orders',
      'eu-central-1',
      '000000000000',
    ],
    [
      'http://queue.localhost.localstack.cloud:4566/000000000000/orders',
      'us-east-1',
      '000000000000',
    ],
    [
      'http://localhost.localstack.cloud:4566/queue/ap-south-1/000000000000/orders',
      'ap-south-1',
      '000000000000',
    ],
    ['https://sqs.us-west-2.amazonaws.com/111122223333/orders', 'us-west-2', '111122223333'],
  ])('reads %s', (raw, region, accountId) => {
    expect(parseQueueUrl(raw, defaults)).toEqual({ region, accountId, name: 'orders' });
  });

  it('refuses what names no queue, saying what it expected', () => {
    expect(() => parseQueueUrl('http://127.0.0.1:4566/', defaults)).toThrow(
      /Expected <origin>\/<account>\/<queue-name>/,
    );
    expect(() => parseQueueUrl('not a url', defaults)).toThrow(/QueueUrl is invalid/);
  });
});

describe('queue URLs and ARNs', () => {
  it('builds URLs on the caller origin and reads ARNs', () => {
    const key = { region: 'us-east-1', accountId: '000000000000', name: 'q' };
    expect(queueUrl('http://localhost:4566', key)).toBe('http://localhost:4566/000000000000/q');
    expect(queueKeyFromArn('arn:aws:sqs:us-east-1:000000000000:q')).toEqual(key);
    expect(queueKeyFromArn('arn:aws:lambda:us-east-1:000000000000:function:q')).toBeUndefined();
  });
});
