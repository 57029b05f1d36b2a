/** TestEventPattern: whether a pattern matches an event, without storing anything. */
import { matchesPattern } from '../pattern/index.ts';
import { isPlainObject, requireString, validationError } from '../validation.ts';
import { compileOrReject } from './rules.ts';
import type { Operation } from './scope.ts';

/** AWS requires these envelope fields in the test event. */
const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const TestEventPattern: Operation = (input) => {
  const pattern = compileOrReject(requireString(input, 'EventPattern'));
  const eventText = requireString(input, 'Event');
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch {
    throw validationError('Parameter Event is not valid.');
  }
  if (
    !isPlainObject(event) ||
    !REQUIRED_EVENT_FIELDS.every((field) => Object.hasOwn(event, field))
  ) {
    throw validationError(
      `Parameter Event is not valid. Reason: the event must be a JSON object with ${REQUIRED_EVENT_FIELDS.join(', ')}.`,
    );
  }
  return { Result: matchesPattern(pattern, event as Parameters<typeof matchesPattern>[1]) };
};
