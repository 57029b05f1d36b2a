/** AWS::Events::EventBus. */
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import type { Provisioner } from './types.ts';

export const eventBus: Provisioner = {
  types: ['AWS::Events::EventBus'],
  async apply({ logicalId, properties }, ctx) {
    const name = properties.Name as string;
    let change: 'created' | 'unchanged' = 'unchanged';
    let arn: string;
    try {
      arn = (await ctx.clients.events.send(new DescribeEventBusCommand({ Name: name }))).Arn!;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
      arn = (await ctx.clients.events.send(new CreateEventBusCommand({ Name: name }))).EventBusArn!;
      change = 'created';
    }
    return {
      change,
      resource: {
        logicalId,
        type: 'AWS::Events::EventBus',
        physicalId: name,
        attributes: { Arn: arn, Name: name },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.clients.events.send(new DeleteEventBusCommand({ Name: resource.physicalId }));
  },
};
