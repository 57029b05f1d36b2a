/**
 * AWS::SQS::Queue: created, or its attributes set on an existing queue. Messages already in the
 * queue stay: a redeploy never recreates a queue.
 */
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SetQueueAttributesCommand,
} from '@aws-sdk/client-sqs';
import type { Provisioner } from './types.ts';

/** CloudFormation properties that are SQS attributes of the same name. */
const ATTRIBUTE_PROPERTIES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
] as const;

function queueAttributes(properties: Record<string, unknown>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTE_PROPERTIES) {
    const value = properties[name];
    if (value === undefined) continue;
    attributes[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return attributes;
}

export const sqsQueue: Provisioner = {
  types: ['AWS::SQS::Queue'],
  async apply({ logicalId, properties, previous }, ctx) {
    const queueName = (properties.QueueName as string | undefined) ?? logicalId;
    const attributes = queueAttributes(properties);
    let queueUrl: string | undefined;
    try {
      queueUrl = (await ctx.clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName })))
        .QueueUrl;
    } catch (err) {
      if (!(err instanceof QueueDoesNotExist)) throw err;
    }

    let change: 'created' | 'updated' | 'unchanged' = 'unchanged';
    if (!queueUrl) {
      queueUrl = (
        await ctx.clients.sqs.send(
          new CreateQueueCommand({ QueueName: queueName, Attributes: attributes }),
        )
      ).QueueUrl!;
      change = 'created';
    } else if (
      JSON.stringify(previous?.properties) !== JSON.stringify(properties) &&
      Object.keys(attributes).length
    ) {
      await ctx.clients.sqs.send(
        new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: attributes }),
      );
      change = 'updated';
    }
    const { Attributes } = await ctx.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    return {
      change,
      resource: {
        logicalId,
        type: 'AWS::SQS::Queue',
        physicalId: queueUrl,
        attributes: { Arn: Attributes!.QueueArn!, QueueName: queueName, QueueUrl: queueUrl },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: resource.physicalId }));
  },
};
