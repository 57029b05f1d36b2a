/**
 * The local EventBridge (awsJson 1.1, `X-Amz-Target: AWSEvents.<Op>`): event buses, rules with
 * the full event-pattern language, SQS and Lambda targets, PutEvents and TestEventPattern.
 */
import type { CloudContext } from '../context.ts';
import { AwsError, awsJsonError, isAwsError } from '../errors.ts';
import type { AwsRequest, AwsResponse, ServiceHandler } from '../types.ts';
import { TargetDelivery } from './delivery.ts';
import {
  CreateEventBus,
  DeleteEventBus,
  DescribeEventBus,
  ListEventBuses,
} from './operations/event-buses.ts';
import { PutEvents } from './operations/put-events.ts';
import {
  DeleteRule,
  DescribeRule,
  DisableRule,
  EnableRule,
  ListRules,
  PutRule,
} from './operations/rules.ts';
import type { Operation } from './operations/scope.ts';
import { ListTargetsByRule, PutTargets, RemoveTargets } from './operations/targets.ts';
import { TestEventPattern } from './operations/test-event-pattern.ts';
import { type EventsServiceOptions, resolveEventsOptions } from './options.ts';
import { createRegionState, type EventsRegionState } from './state.ts';
import { isPlainObject } from './validation.ts';

export type { EventsServiceOptions } from './options.ts';

/** Every operation served; anything else is answered with UnknownOperationException. */
export const EVENTS_OPERATIONS: Record<string, Operation> = {
  CreateEventBus,
  DeleteEventBus,
  DescribeEventBus,
  ListEventBuses,
  PutRule,
  DescribeRule,
  ListRules,
  DeleteRule,
  EnableRule,
  DisableRule,
  PutTargets,
  RemoveTargets,
  ListTargetsByRule,
  PutEvents,
  TestEventPattern,
};

const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new AwsError(
      'SerializationException',
      `The request body is not valid JSON: ${(err as Error).message}`,
    );
  }
  if (!isPlainObject(parsed))
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  return parsed;
}

export function createEventsService(
  ctx: CloudContext,
  options?: EventsServiceOptions,
): ServiceHandler {
  const resolved = resolveEventsOptions(options);
  const delivery = new TargetDelivery(ctx, resolved);
  // Buses and rules are per account and region, as in AWS.
  const regions = new Map<string, EventsRegionState>();

  function regionState(req: AwsRequest): EventsRegionState {
    const key = `${req.accountId}/${req.region}`;
    let state = regions.get(key);
    if (!state) {
      state = createRegionState(req.region, req.accountId, ctx.now());
      regions.set(key, state);
    }
    return state;
  }

  return {
    name: 'events',
    async handle(req: AwsRequest): Promise<AwsResponse> {
      try {
        const operationName = req.targetOperation ?? '';
        const operation = Object.hasOwn(EVENTS_OPERATIONS, operationName)
          ? EVENTS_OPERATIONS[operationName]
          : undefined;
        if (!operation) {
          throw new AwsError(
            'UnknownOperationException',
            `EventBridge operation ${operationName || '(none)'} is not served by the local cloud. Served: ${Object.keys(EVENTS_OPERATIONS).join(', ')}.`,
          );
        }
        const output = operation(parseBody(req.body), {
          state: regionState(req),
          ctx,
          options: resolved,
          delivery,
        });
        return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(output) };
      } catch (err) {
        if (isAwsError(err)) return awsJsonError(err);
        throw err;
      }
    },
    async close() {
      delivery.close();
    },
  };
}
