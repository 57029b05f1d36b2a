/** An SQS queue with its dead-letter queue: SSL-only, encrypted, redrive after MAX_RECEIVE_COUNT receives. */
import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MAX_RECEIVE_COUNT } from '../../src/shared/names.ts';

export interface DurableQueueProps {
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  /**
   * How long a received message stays hidden. Must cover the slowest consumer (the Lambda
   * timeout in lambda mode) or a message is handed out twice while still being worked on.
   */
  readonly visibilityTimeout: Duration;
}

export class DurableQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: DurableQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: props.deadLetterQueueName,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      // The longest SQS allows, so a poison message stays around long enough to be looked at.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
  }
}
