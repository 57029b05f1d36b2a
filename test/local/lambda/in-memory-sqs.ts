/**
 * A small SqsBackend for testing the Lambda side of the SQS boundary (pollers, dead letters)
 * without depending on the SQS service: visibility timeouts, receive counts and long polling,
 * nothing more.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SqsBackend, SqsMessageForConsumer } from '../../../local/context.ts';
import { AwsError } from '../../../local/errors.ts';

interface StoredMessage {
  messageId: string;
  body: string;
  messageAttributes: SqsMessageForConsumer['messageAttributes'];
  sentMs: number;
  receiveCount: number;
  visibleAtMs: number;
  receiptHandle?: string;
}

export class InMemorySqs implements SqsBackend {
  private readonly queues = new Map<
    string,
    { visibilitySeconds: number; messages: StoredMessage[] }
  >();
  /** Every message ever deleted, by queue, in order. */
  readonly deleted = new Map<string, string[]>();
  receiveCalls = 0;

  createQueue(arn: string, visibilitySeconds = 1): void {
    this.queues.set(arn, { visibilitySeconds, messages: [] });
  }

  /** Messages still in the queue (visible or in flight). */
  depth(arn: string): number {
    return this.queue(arn).messages.length;
  }

  bodies(arn: string): string[] {
    return this.queue(arn).messages.map((m) => m.body);
  }

  async sendMessageByArn(
    queueArn: string,
    body: string,
    messageAttributes: SqsMessageForConsumer['messageAttributes'] = {},
  ) {
    const messageId = randomUUID();
    this.queue(queueArn).messages.push({
      messageId,
      body,
      messageAttributes,
      sentMs: Date.now(),
      receiveCount: 0,
      visibleAtMs: 0,
    });
    return { messageId };
  }

  async receiveMessagesByArn(
    queueArn: string,
    options: { maxMessages: number; waitTimeSeconds: number; visibilityTimeoutSeconds?: number },
  ): Promise<SqsMessageForConsumer[]> {
    this.receiveCalls++;
    const deadline = Date.now() + options.waitTimeSeconds * 1000;
    for (;;) {
      const queue = this.queue(queueArn);
      const now = Date.now();
      const visible = queue.messages
        .filter((m) => m.visibleAtMs <= now)
        .slice(0, options.maxMessages);
      if (visible.length > 0 || now >= deadline) {
        const visibilityMs = (options.visibilityTimeoutSeconds ?? queue.visibilitySeconds) * 1000;
        return visible.map((m) => {
          m.receiveCount++;
          m.visibleAtMs = now + visibilityMs;
          m.receiptHandle = randomUUID();
          return {
            messageId: m.messageId,
            receiptHandle: m.receiptHandle,
            body: m.body,
            md5OfBody: createHash('md5').update(m.body).digest('hex'),
            attributes: {
              ApproximateReceiveCount: String(m.receiveCount),
              SentTimestamp: String(m.sentMs),
              SenderId: '000000000000',
              ApproximateFirstReceiveTimestamp: String(now),
            },
            messageAttributes: m.messageAttributes,
          };
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async deleteMessageByArn(queueArn: string, receiptHandle: string): Promise<void> {
    const queue = this.queue(queueArn);
    const index = queue.messages.findIndex((m) => m.receiptHandle === receiptHandle);
    if (index < 0) return;
    const [message] = queue.messages.splice(index, 1);
    const list = this.deleted.get(queueArn) ?? [];
    list.push(message!.body);
    this.deleted.set(queueArn, list);
  }

  async changeMessageVisibilityByArn(queueArn: string, receiptHandle: string, seconds: number) {
    const message = this.queue(queueArn).messages.find((m) => m.receiptHandle === receiptHandle);
    if (message) message.visibleAtMs = Date.now() + seconds * 1000;
  }

  queueExists(queueArn: string): boolean {
    return this.queues.has(queueArn);
  }

  queueVisibilityTimeoutSeconds(queueArn: string): number {
    return this.queue(queueArn).visibilitySeconds;
  }

  private queue(arn: string) {
    const queue = this.queues.get(arn);
    if (!queue) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
    return queue;
  }
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
