/**
 * AWS::Events::Rule with its targets. On update the rule is put again and targets that are no
 * longer in the template are removed, which is how flipping the inventory mode moves the
 * `order.placed` rule from the Lambda to the queue (or back) without touching either.
 */
import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import { changeOf, type Provisioner } from './types.ts';

interface RuleProperties {
  Name?: string;
  EventBusName?: string;
  EventPattern?: unknown;
  ScheduleExpression?: string;
  State?: string;
  Description?: string;
  Targets?: Target[];
}

function ruleName(logicalId: string, stackName: string, props: RuleProperties): string {
  return props.Name ?? `${stackName}-${logicalId}`.slice(0, 64);
}

export const eventsRule: Provisioner = {
  types: ['AWS::Events::Rule'],
  async apply({ logicalId, properties, previous }, ctx) {
    const props = properties as RuleProperties;
    const name = previous?.attributes.Name ?? ruleName(logicalId, ctx.stackName, props);
    const busName = props.EventBusName ?? 'default';
    const { RuleArn } = await ctx.clients.events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: busName,
        EventPattern:
          props.EventPattern === undefined ? undefined : JSON.stringify(props.EventPattern),
        ScheduleExpression: props.ScheduleExpression,
        State: props.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
        Description: props.Description,
      }),
    );

    const wanted = props.Targets ?? [];
    const existing = await ctx.clients.events.send(
      new ListTargetsByRuleCommand({ Rule: name, EventBusName: busName }),
    );
    const stale = (existing.Targets ?? [])
      .map((t) => t.Id!)
      .filter((id) => !wanted.some((t) => t.Id === id));
    if (stale.length) {
      await ctx.clients.events.send(
        new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: stale }),
      );
    }
    if (wanted.length) {
      const answer = await ctx.clients.events.send(
        new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: wanted }),
      );
      if (answer.FailedEntryCount) {
        const first = answer.FailedEntries![0]!;
        throw new Error(
          `rule ${name}: target ${first.TargetId} was refused: ${first.ErrorCode} ${first.ErrorMessage}`,
        );
      }
    }

    // CloudFormation's Ref of a rule on a custom bus is "bus|rule".
    const physicalId = busName === 'default' ? name : `${busName}|${name}`;
    return {
      change: changeOf(previous, properties),
      resource: {
        logicalId,
        type: 'AWS::Events::Rule',
        physicalId,
        attributes: { Arn: RuleArn!, Name: name },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    const busName = (resource.properties.EventBusName as string | undefined) ?? 'default';
    const name = resource.attributes.Name!;
    const existing = await ctx.clients.events.send(
      new ListTargetsByRuleCommand({ Rule: name, EventBusName: busName }),
    );
    const ids = (existing.Targets ?? []).map((t) => t.Id!);
    if (ids.length)
      await ctx.clients.events.send(
        new RemoveTargetsCommand({ Rule: name, EventBusName: busName, Ids: ids }),
      );
    await ctx.clients.events.send(new DeleteRuleCommand({ Name: name, EventBusName: busName }));
  },
};
