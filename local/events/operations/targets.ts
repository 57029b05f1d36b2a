/** PutTargets, RemoveTargets, ListTargetsByRule. */
import { AwsError, isAwsError } from '../../errors.ts';
import { paginate } from '../paginate.ts';
import type { StoredTarget } from '../state.ts';
import { isPlainObject, requireList, requireName } from '../validation.ts';
import { findRule, type Operation } from './scope.ts';
import { validateTarget } from './target-validation.ts';

/** AWS's quota: targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

interface FailedEntry {
  TargetId?: string;
  ErrorCode: string;
  ErrorMessage: string;
}

export const PutTargets: Operation = (input, { state }) => {
  const rule = findRule(state, requireName(input, 'Rule'), input.EventBusName);
  const entries = requireList(input, 'Targets', 1, 10);

  const accepted: StoredTarget[] = [];
  const failed: FailedEntry[] = [];
  for (const entry of entries) {
    const raw = isPlainObject(entry) ? entry : {};
    try {
      accepted.push(validateTarget(raw));
    } catch (err) {
      if (!isAwsError(err)) throw err;
      const targetId = typeof raw.Id === 'string' ? raw.Id : undefined;
      failed.push({
        ...(targetId && { TargetId: targetId }),
        ErrorCode: err.code,
        ErrorMessage: err.message,
      });
    }
  }

  const ids = new Set([...rule.targets.keys(), ...accepted.map((target) => target.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE) {
    throw new AwsError(
      'LimitExceededException',
      `The requested resource exceeds the maximum number allowed: rule ${rule.name} would have ${ids.size} targets, at most ${MAX_TARGETS_PER_RULE} are allowed.`,
    );
  }
  for (const target of accepted) rule.targets.set(target.Id, target);
  return { FailedEntryCount: failed.length, FailedEntries: failed };
};

/** Ids the rule does not have are ignored, so a repeated RemoveTargets is harmless. */
export const RemoveTargets: Operation = (input, { state }) => {
  const rule = findRule(state, requireName(input, 'Rule'), input.EventBusName);
  const ids = requireList(input, 'Ids', 1, 100);
  for (const id of ids) if (typeof id === 'string') rule.targets.delete(id);
  return { FailedEntryCount: 0, FailedEntries: [] };
};

export const ListTargetsByRule: Operation = (input, { state }) => {
  const rule = findRule(state, requireName(input, 'Rule'), input.EventBusName);
  const { page, nextToken } = paginate([...rule.targets.values()], input.Limit, input.NextToken);
  return { Targets: page, ...(nextToken && { NextToken: nextToken }) };
};
