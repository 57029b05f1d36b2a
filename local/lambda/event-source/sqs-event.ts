/** The event Lambda hands a function for a batch of SQS messages (`Records`, `eventSource: aws:sqs`). */
import type { SqsMessageForConsumer } from '../../context.ts';

export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<
    string,
    {
      stringValue?: string;
      binaryValue?: string;
      stringListValues: string[];
      binaryListValues: string[];
      dataType: string;
    }
  >;
  md5OfMessageAttributes: string | null;
  md5OfBody: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export function buildSqsEvent(
  messages: SqsMessageForConsumer[],
  queueArn: string,
  region: string,
): { Records: SqsEventRecord[] } {
  return {
    Records: messages.map((message) => ({
      messageId: message.messageId,
      receiptHandle: message.receiptHandle,
      body: message.body,
      attributes: message.attributes,
      messageAttributes: Object.fromEntries(
        Object.entries(message.messageAttributes).map(([name, value]) => [
          name,
          {
            stringValue: value.StringValue,
            binaryValue: value.BinaryValue,
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType,
          },
        ]),
      ),
      md5OfMessageAttributes: message.md5OfMessageAttributes ?? null,
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: region,
    })),
  };
}
