/**
 * PutEvents: checks each entry (a bad entry fails alone, with HTTP 200), answers at once, and hands
 * every (event, matching ENABLED rule, target) to delivery.
 */
import { randomUUID } from 'node:crypto';
import { buildEnvelope, type EventEnvelope } from '../envelope.ts';
import { type JsonObject, matchesPattern } from '../pattern/index.ts';
import { busNameFrom, type EventsRegionState, type StoredRule } from '../state.ts';
import { targetPayload } from '../target-input.ts';
import { isPlainObject, requireList, validationError } from '../validation.ts';
import type { Operation, OperationScope } from './scope.ts';

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const TIME_OVERHEAD_BYTES = 14;

/** How AWS sizes an entry: 14 bytes if Time is set, plus the UTF-8 bytes of the text members. */
export function entrySizeBytes(entry: Record<string, unknown>): number {
  const text = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources : [];
  return (
    (entry.Time !== undefined ? TIME_OVERHEAD_BYTES : 0) +
    text(entry.Source) +
    text(entry.DetailType) +
    text(entry.Detail) +
    resources.reduce((sum: number, resource) => sum + text(resource), 0)
  );
}

class EntryError extends Error {
  constructor(
    readonly code: 'InvalidArgument' | 'MalformedDetail' | 'ResourceNotFoundException',
    message: string,
  ) {
    super(message);
  }
}

function required(entry: Record<string, unknown>, member: string): string {
  const value = entry[member];
  if (typeof value !== 'string' || value.length === 0) {
    throw new EntryError(
      'InvalidArgument',
      `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
    );
  }
  return value;
}

/** SDKs send Time as epoch seconds; an ISO string is accepted too. */
function entryTimeMs(value: unknown, nowMs: number): number {
  if (value === undefined || value === null) return nowMs;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(String(value));
  if (!Number.isFinite(ms))
    throw new EntryError(
      'InvalidArgument',
      'Parameter Time is not valid. Reason: Time must be a timestamp.',
    );
  return ms;
}

function readEntry(entry: Record<string, unknown>, state: EventsRegionState, nowMs: number) {
  const source = required(entry, 'Source');
  const detailType = required(entry, 'DetailType');
  const detailText = required(entry, 'Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    throw new EntryError('MalformedDetail', 'Detail is malformed.');
  }
  if (!isPlainObject(detail)) throw new EntryError('MalformedDetail', 'Detail is malformed.');
  const resources = entry.Resources ?? [];
  if (!Array.isArray(resources) || !resources.every((resource) => typeof resource === 'string')) {
    throw new EntryError(
      'InvalidArgument',
      'Parameter Resources is not valid. Reason: Resources must be a list of strings.',
    );
  }
  const busName = busNameFrom(
    typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined,
  );
  const bus = state.buses.get(busName);
  if (!bus)
    throw new EntryError('ResourceNotFoundException', `Event bus ${busName} does not exist.`);
  const timeMs = entryTimeMs(entry.Time, nowMs);
  return {
    bus,
    source,
    detailType,
    detail: detail as JsonObject,
    resources: resources as string[],
    timeMs,
  };
}

function route(
  event: EventEnvelope,
  rules: Iterable<StoredRule>,
  scope: OperationScope,
  ingestedAtMs: number,
): void {
  for (const rule of rules) {
    if (rule.state === 'DISABLED' || !rule.pattern || rule.targets.size === 0) continue;
    if (!matchesPattern(rule.pattern, event as JsonObject)) continue;
    for (const target of rule.targets.values()) {
      scope.delivery.deliver({
        ruleArn: rule.arn,
        target,
        payload: targetPayload(target, event, rule, ingestedAtMs),
        eventJson: JSON.stringify(event),
        eventId: event.id,
        ingestedAtMs,
      });
    }
  }
}

export const PutEvents: Operation = (input, scope) => {
  const entries = requireList(input, 'Entries', 1, 10);
  const totalBytes = entries.reduce(
    (sum: number, entry) => sum + (isPlainObject(entry) ? entrySizeBytes(entry) : 0),
    0,
  );
  if (totalBytes > scope.options.maxEventSizeBytes) {
    throw validationError('Total size of the entries in the request is over the limit.');
  }

  const nowMs = scope.ctx.now();
  const results: EntryResult[] = [];
  for (const entry of entries) {
    try {
      const fields = readEntry(isPlainObject(entry) ? entry : {}, scope.state, nowMs);
      const event = buildEnvelope({
        ...fields,
        id: randomUUID(),
        account: scope.state.accountId,
        region: scope.state.region,
      });
      route(event, fields.bus.rules.values(), scope, nowMs);
      results.push({ EventId: event.id });
    } catch (err) {
      if (!(err instanceof EntryError)) throw err;
      results.push({ ErrorCode: err.code, ErrorMessage: err.message });
    }
  }
  const failedCount = results.filter((result) => 'ErrorCode' in result).length;
  return { FailedEntryCount: failedCount, Entries: results };
};
