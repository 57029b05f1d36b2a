/** AWS::Lambda::EventSourceMapping for SQS queues. */
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type FunctionResponseType,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { changeOf, type Provisioner } from './types.ts';

interface MappingProperties {
  EventSourceArn: string;
  FunctionName: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  Enabled?: boolean;
  FunctionResponseTypes?: FunctionResponseType[];
  ScalingConfig?: { MaximumConcurrency?: number };
}

export const lambdaEventSourceMapping: Provisioner = {
  types: ['AWS::Lambda::EventSourceMapping'],
  async apply({ logicalId, properties, previous }, ctx) {
    const props = properties as unknown as MappingProperties;
    const settings = {
      BatchSize: props.BatchSize,
      MaximumBatchingWindowInSeconds: props.MaximumBatchingWindowInSeconds,
      Enabled: props.Enabled ?? true,
      FunctionResponseTypes: props.FunctionResponseTypes,
      ScalingConfig: props.ScalingConfig,
    };
    const { EventSourceMappings } = await ctx.clients.lambda.send(
      new ListEventSourceMappingsCommand({
        FunctionName: props.FunctionName,
        EventSourceArn: props.EventSourceArn,
      }),
    );
    const existing = EventSourceMappings?.[0]?.UUID;
    let uuid: string;
    if (existing) {
      await ctx.clients.lambda.send(
        new UpdateEventSourceMappingCommand({
          UUID: existing,
          FunctionName: props.FunctionName,
          ...settings,
        }),
      );
      uuid = existing;
    } else {
      uuid = (
        await ctx.clients.lambda.send(
          new CreateEventSourceMappingCommand({
            FunctionName: props.FunctionName,
            EventSourceArn: props.EventSourceArn,
            ...settings,
          }),
        )
      ).UUID!;
    }
    return {
      change: changeOf(previous, properties, !!existing),
      resource: {
        logicalId,
        type: 'AWS::Lambda::EventSourceMapping',
        physicalId: uuid,
        attributes: { Id: uuid },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.clients.lambda.send(
      new DeleteEventSourceMappingCommand({ UUID: resource.physicalId }),
    );
  },
};
