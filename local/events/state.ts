/**
 * What EventBridge keeps per account and region: event buses, their rules, and each rule's
 * targets. The `default` bus always exists.
 */
import type { CompiledPattern } from './pattern/index.ts';

export const DEFAULT_BUS_NAME = 'default';

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/** A target as PutTargets received it (AWS member names), after validation. */
export interface StoredTarget {
  Id: string;
  Arn: string;
  RoleArn?: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
  SqsParameters?: { MessageGroupId?: string };
  [member: string]: unknown;
}

export interface StoredRule {
  name: string;
  arn: string;
  eventBusName: string;
  pattern?: CompiledPattern;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  createdBy: string;
  /** Insertion-ordered, as ListTargetsByRule returns them. */
  targets: Map<string, StoredTarget>;
}

export interface StoredEventBus {
  name: string;
  arn: string;
  description?: string;
  creationTimeMs: number;
  lastModifiedTimeMs: number;
  rules: Map<string, StoredRule>;
}

export interface EventsRegionState {
  region: string;
  accountId: string;
  buses: Map<string, StoredEventBus>;
}

export function eventBusArn(region: string, accountId: string, busName: string): string {
  return `arn:aws:events:${region}:${accountId}:event-bus/${busName}`;
}

/** Rules on the default bus keep the short form AWS has always used. */
export function ruleArn(
  region: string,
  accountId: string,
  busName: string,
  ruleName: string,
): string {
  const path = busName === DEFAULT_BUS_NAME ? ruleName : `${busName}/${ruleName}`;
  return `arn:aws:events:${region}:${accountId}:rule/${path}`;
}

/** Event bus parameters accept a name or an ARN. */
export function busNameFrom(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS_NAME;
  const match = /^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(nameOrArn);
  return match ? match[1] : nameOrArn;
}

export function createRegionState(
  region: string,
  accountId: string,
  nowMs: number,
): EventsRegionState {
  const buses = new Map<string, StoredEventBus>();
  buses.set(DEFAULT_BUS_NAME, {
    name: DEFAULT_BUS_NAME,
    arn: eventBusArn(region, accountId, DEFAULT_BUS_NAME),
    creationTimeMs: nowMs,
    lastModifiedTimeMs: nowMs,
    rules: new Map(),
  });
  return { region, accountId, buses };
}
