/**
 * The load test's own ear on the bus: an SQS queue and an EventBridge rule that copies every
 * `inventory.*` event into it, so the run sees outcomes without taking the order service's
 * messages. Several long-poll receivers drain it in batches of 10 and delete what they read.
 */
import {
  DeleteRuleCommand,
  type EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type ReceiveMessageResult,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Logger } from '../../src/shared/logger.ts';
import { DETAIL_TYPE, EVENT_BUS_NAME, INVENTORY_EVENT_SOURCE } from '../../src/shared/names.ts';
import type { AwsJsonClient } from './aws-json-client.ts';

const TARGET_ID = 'loadtest-queue';
/** Short enough that stopping the receivers does not hang a teardown for long. */
const WAIT_TIME_SECONDS = 2;

export interface E2eListenerOptions {
  /** Creates and deletes the queue. */
  sqs: SQSClient;
  /** Receives and deletes messages: SQS through the lean JSON client. */
  receive: AwsJsonClient;
  events: EventBridgeClient;
  /** Unique per run: the queue and rule are named after it. */
  runId: string;
  receivers: number;
  onMessage(body: string): void;
  logger: Logger;
}

export interface E2eListener {
  queueUrl: string;
  ruleName: string;
  receiveErrors(): number;
  stop(): Promise<void>;
}

export async function startE2eListener(options: E2eListenerOptions): Promise<E2eListener> {
  const { sqs, events, logger } = options;
  const name = `novamart-loadtest-${options.runId}`;
  const { QueueUrl: queueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: { MessageRetentionPeriod: '3600' } }),
  );
  if (!queueUrl) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = attributes.Attributes?.QueueArn;
  if (!queueArn) throw new Error(`GetQueueAttributes for ${name} returned no QueueArn`);

  const rule = await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: EVENT_BUS_NAME,
      EventPattern: JSON.stringify({
        source: [INVENTORY_EVENT_SOURCE],
        'detail-type': [DETAIL_TYPE.inventoryReserved, DETAIL_TYPE.inventoryReservationFailed],
      }),
      State: 'ENABLED',
      Description: 'load test: observes inventory outcomes (removed at the end of the run)',
    }),
  );
  await allowRuleToSend(sqs, queueUrl, queueArn, rule.RuleArn);
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: EVENT_BUS_NAME,
      Targets: [{ Id: TARGET_ID, Arn: queueArn }],
    }),
  );

  const stopController = new AbortController();
  let receiveErrors = 0;
  const receive = async () => {
    while (!stopController.signal.aborted) {
      try {
        const answer = await options.receive.call<ReceiveMessageResult>(
          'ReceiveMessage',
          { QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: WAIT_TIME_SECONDS },
          stopController.signal,
        );
        const messages = answer.Messages ?? [];
        if (messages.length === 0) continue;
        for (const message of messages) options.onMessage(message.Body ?? '');
        await options.receive.call('DeleteMessageBatch', {
          QueueUrl: queueUrl,
          Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        });
      } catch (err) {
        if (stopController.signal.aborted) return;
        receiveErrors++;
        logger.warn({ err }, 'load test receiver failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  const loops = Array.from({ length: options.receivers }, () => receive());

  return {
    queueUrl,
    ruleName: name,
    receiveErrors: () => receiveErrors,
    async stop() {
      stopController.abort();
      await Promise.allSettled(loops);
      // Remove the rule before the queue so no event is sent to a queue that is gone.
      await events.send(
        new RemoveTargetsCommand({ Rule: name, EventBusName: EVENT_BUS_NAME, Ids: [TARGET_ID] }),
      );
      await events.send(new DeleteRuleCommand({ Name: name, EventBusName: EVENT_BUS_NAME }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}

/** On AWS a rule may send to a queue only when the queue's policy says so. */
async function allowRuleToSend(
  sqs: SQSClient,
  queueUrl: string,
  queueArn: string,
  ruleArn?: string,
) {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        ...(ruleArn ? { Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } } } : {}),
      },
    ],
  };
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: { Policy: JSON.stringify(policy) },
    }),
  );
}
