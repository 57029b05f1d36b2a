/**
 * Small in-memory SQS and Lambda doubles for the EventBridge delivery unit tests: the in-process
 * contracts of local/context.ts, so delivery can be tested without the other services.
 */
import type { CloudContext, LambdaBackend, SqsBackend } from '../../../../local/context.ts';
import { AwsError } from '../../../../local/errors.ts';
import type { AwsRequest } from '../../../../local/types.ts';
import { silentLogger } from '../../../../src/shared/logger.ts';

export interface SentMessage {
  queueArn: string;
  body: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
  atMs: number;
}

export function queueArn(name: string): string {
  return `arn:aws:sqs:us-east-1:000000000000:${name}`;
}

export class InMemorySqs implements SqsBackend {
  readonly queues = new Map<string, SentMessage[]>();

  createQueue(name: string): string {
    const arn = queueArn(name);
    this.queues.set(arn, []);
    return arn;
  }

  messages(arn: string): SentMessage[] {
    return this.queues.get(arn) ?? [];
  }

  async sendMessageByArn(
    arn: string,
    body: string,
    messageAttributes?: SentMessage['messageAttributes'],
  ) {
    const queue = this.queues.get(arn);
    if (!queue) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
    queue.push({ queueArn: arn, body, messageAttributes, atMs: Date.now() });
    return { messageId: String(queue.length) };
  }

  async receiveMessagesByArn() {
    return [];
  }
  async deleteMessageByArn() {}
  async changeMessageVisibilityByArn() {}
  queueExists(arn: string) {
    return this.queues.has(arn);
  }
  queueVisibilityTimeoutSeconds() {
    return 30;
  }
}

export class InMemoryLambda implements LambdaBackend {
  readonly functions = new Map<string, string[]>();

  createFunction(name: string): string {
    const arn = `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
    this.functions.set(arn, []);
    return arn;
  }

  async invokeAsync(arn: string, payload: string) {
    const calls = this.functions.get(arn);
    if (!calls) throw new AwsError('ResourceNotFoundException', `Function not found: ${arn}`);
    calls.push(payload);
  }

  functionExists(arn: string) {
    return this.functions.has(arn);
  }
}

export function testContext(): CloudContext & { sqs: InMemorySqs; lambda: InMemoryLambda } {
  return {
    region: 'us-east-1',
    accountId: '000000000000',
    logger: silentLogger,
    now: Date.now,
    endpoint: 'http://127.0.0.1:0',
    sqs: new InMemorySqs(),
    lambda: new InMemoryLambda(),
  };
}

/** An in-process EventBridge request, as the server would hand it to the service. */
export function eventsRequest(operation: string, input: unknown): AwsRequest {
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': `AWSEvents.${operation}` },
    body: Buffer.from(typeof input === 'string' ? input : JSON.stringify(input)),
    region: 'us-east-1',
    accountId: '000000000000',
    targetOperation: operation,
    origin: 'http://127.0.0.1:0',
  };
}

export async function waitFor<T>(read: () => T | undefined, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
