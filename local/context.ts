/**
 * What the services of the local cloud know about each other. EventBridge delivers to SQS and
 * Lambda, and Lambda's event source mappings poll SQS: they do it in-process through these
 * narrow contracts rather than over HTTP.
 */
import type { Logger } from '../src/shared/logger.ts';

export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

export interface SqsMessageForConsumer {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  /** System attributes as strings, as AWS returns them (ApproximateReceiveCount, SentTimestamp, ...). */
  attributes: Record<string, string>;
  messageAttributes: Record<
    string,
    { DataType: string; StringValue?: string; BinaryValue?: string }
  >;
  md5OfMessageAttributes?: string;
}

export interface SqsBackend {
  /** Throws AwsError QueueDoesNotExist when no queue has this ARN. */
  sendMessageByArn(
    queueArn: string,
    body: string,
    messageAttributes?: Record<string, { DataType: string; StringValue?: string }>,
  ): Promise<{ messageId: string }>;
  receiveMessagesByArn(
    queueArn: string,
    options: { maxMessages: number; waitTimeSeconds: number; visibilityTimeoutSeconds?: number },
  ): Promise<SqsMessageForConsumer[]>;
  deleteMessageByArn(queueArn: string, receiptHandle: string): Promise<void>;
  changeMessageVisibilityByArn(
    queueArn: string,
    receiptHandle: string,
    seconds: number,
  ): Promise<void>;
  queueExists(queueArn: string): boolean;
  /** The queue's visibility timeout, used by pollers that need it. */
  queueVisibilityTimeoutSeconds(queueArn: string): number;
}

export interface LambdaBackend {
  /**
   * Queues an asynchronous (`Event`) invocation; Lambda's own async retries and DLQ apply.
   * Throws AwsError ResourceNotFoundException when the function does not exist.
   */
  invokeAsync(functionArnOrName: string, payload: string): Promise<void>;
  functionExists(functionArnOrName: string): boolean;
}

export interface CloudContext {
  region: string;
  accountId: string;
  logger: Logger;
  /** Milliseconds since epoch; injectable so tests can move time. */
  now(): number;
  /** Where clients reach the cloud, e.g. `http://127.0.0.1:4566` (set once the server listens). */
  endpoint: string;
  /** Filled in by the cloud once every service exists. */
  sqs?: SqsBackend;
  lambda?: LambdaBackend;
}
