/** What every operation handler receives, and the lookups most of them need. */
import type { CloudContext } from '../../context.ts';
import { AwsError } from '../../errors.ts';
import type { TargetDelivery } from '../delivery.ts';
import type { ResolvedEventsOptions } from '../options.ts';
import {
  busNameFrom,
  type EventsRegionState,
  type StoredEventBus,
  type StoredRule,
} from '../state.ts';
import type { Input } from '../validation.ts';

export interface OperationScope {
  state: EventsRegionState;
  ctx: CloudContext;
  options: ResolvedEventsOptions;
  delivery: TargetDelivery;
}

export type Operation = (input: Input, scope: OperationScope) => unknown;

export function findBus(state: EventsRegionState, nameOrArn: unknown): StoredEventBus {
  const name = busNameFrom(typeof nameOrArn === 'string' ? nameOrArn : undefined);
  const bus = state.buses.get(name);
  if (!bus) throw new AwsError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
  return bus;
}

export function findRule(
  state: EventsRegionState,
  ruleName: string,
  busNameOrArn: unknown,
): StoredRule {
  const bus = findBus(state, busNameOrArn);
  const rule = bus.rules.get(ruleName);
  if (!rule) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Rule ${ruleName} does not exist on EventBus ${bus.name}.`,
    );
  }
  return rule;
}

/** awsJson timestamps are epoch seconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
