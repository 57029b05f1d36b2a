/** PutRule, DescribeRule, ListRules, DeleteRule, EnableRule, DisableRule. */
import { AwsError } from '../../errors.ts';
import { paginate } from '../paginate.ts';
import {
  type CompiledPattern,
  compileEventPattern,
  InvalidPatternError,
} from '../pattern/index.ts';
import { DEFAULT_BUS_NAME, type RuleState, ruleArn, type StoredRule } from '../state.ts';
import {
  constraintError,
  type Input,
  optionalString,
  requireName,
  validationError,
} from '../validation.ts';
import { findBus, findRule, type Operation } from './scope.ts';

const RULE_STATES: RuleState[] = [
  'ENABLED',
  'DISABLED',
  'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
];

// Schedules are stored for DescribeRule but never fire in the local cloud.
const SCHEDULE_EXPRESSION = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(.+\))$/;

export function compileOrReject(source: string): CompiledPattern {
  try {
    return compileEventPattern(source);
  } catch (err) {
    if (err instanceof InvalidPatternError)
      throw new AwsError('InvalidEventPatternException', err.message);
    throw err;
  }
}

function readState(input: Input): RuleState {
  const state = input.State ?? 'ENABLED';
  if (!RULE_STATES.includes(state as RuleState)) {
    throw constraintError(
      'state',
      state,
      `Member must satisfy enum value set: [${RULE_STATES.join(', ')}]`,
    );
  }
  return state as RuleState;
}

export function describeRule(rule: StoredRule) {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.pattern && { EventPattern: rule.pattern.source }),
    ...(rule.scheduleExpression && { ScheduleExpression: rule.scheduleExpression }),
    State: rule.state,
    ...(rule.description !== undefined && { Description: rule.description }),
    ...(rule.roleArn !== undefined && { RoleArn: rule.roleArn }),
    EventBusName: rule.eventBusName,
  };
}

export const PutRule: Operation = (input, { state }) => {
  const name = requireName(input, 'Name');
  const bus = findBus(state, input.EventBusName);
  const patternSource = optionalString(input, 'EventPattern');
  const scheduleExpression = optionalString(input, 'ScheduleExpression');
  if (!patternSource && !scheduleExpression) {
    throw validationError('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  }
  if (scheduleExpression !== undefined) {
    if (!SCHEDULE_EXPRESSION.test(scheduleExpression)) {
      throw validationError('Parameter ScheduleExpression is not valid.');
    }
    if (bus.name !== DEFAULT_BUS_NAME) {
      throw validationError('ScheduleExpression is supported only on the default event bus.');
    }
  }
  const pattern = patternSource ? compileOrReject(patternSource) : undefined;
  const existing = bus.rules.get(name);
  const rule: StoredRule = {
    name,
    arn: ruleArn(state.region, state.accountId, bus.name, name),
    eventBusName: bus.name,
    pattern,
    scheduleExpression,
    state: readState(input),
    description: optionalString(input, 'Description'),
    roleArn: optionalString(input, 'RoleArn'),
    createdBy: state.accountId,
    // Replacing a rule keeps its targets, as in AWS.
    targets: existing?.targets ?? new Map(),
  };
  bus.rules.set(name, rule);
  return { RuleArn: rule.arn };
};

export const DescribeRule: Operation = (input, { state }) => {
  const rule = findRule(state, requireName(input, 'Name'), input.EventBusName);
  return { ...describeRule(rule), CreatedBy: rule.createdBy };
};

export const ListRules: Operation = (input, { state }) => {
  const bus = findBus(state, input.EventBusName);
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const rules = [...bus.rules.values()]
    .filter((rule) => rule.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(rules, input.Limit, input.NextToken);
  return { Rules: page.map(describeRule), ...(nextToken && { NextToken: nextToken }) };
};

/** Deleting a missing rule succeeds, as in AWS; a rule with targets must lose them first. */
export const DeleteRule: Operation = (input, { state }) => {
  const name = requireName(input, 'Name');
  const bus = findBus(state, input.EventBusName);
  const rule = bus.rules.get(name);
  if (!rule) return {};
  if (rule.targets.size > 0) {
    throw validationError("Rule can't be deleted since it has targets.");
  }
  bus.rules.delete(name);
  return {};
};

function setRuleState(ruleState: RuleState): Operation {
  return (input, { state }) => {
    findRule(state, requireName(input, 'Name'), input.EventBusName).state = ruleState;
    return {};
  };
}

export const EnableRule = setRuleState('ENABLED');
export const DisableRule = setRuleState('DISABLED');
