/** CreateEventBus, DeleteEventBus, DescribeEventBus, ListEventBuses. */
import { AwsError } from '../../errors.ts';
import { paginate } from '../paginate.ts';
import { DEFAULT_BUS_NAME, eventBusArn, type StoredEventBus } from '../state.ts';
import { constraintError, optionalString, requireString, validationError } from '../validation.ts';
import { epochSeconds, findBus, type Operation } from './scope.ts';

const BUS_NAME_PATTERN = /^[/.\-_A-Za-z0-9]{1,256}$/;

function describeBus(bus: StoredEventBus) {
  return {
    Name: bus.name,
    Arn: bus.arn,
    ...(bus.description !== undefined && { Description: bus.description }),
    CreationTime: epochSeconds(bus.creationTimeMs),
    LastModifiedTime: epochSeconds(bus.lastModifiedTimeMs),
  };
}

export const CreateEventBus: Operation = (input, { state, ctx }) => {
  const name = requireString(input, 'Name');
  if (!BUS_NAME_PATTERN.test(name)) {
    throw constraintError(
      'name',
      name,
      'Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+',
    );
  }
  if (name.includes('/') && !input.EventSourceName) {
    throw validationError(
      `Event bus name ${name} is not valid: only partner event buses may contain '/'.`,
    );
  }
  if (state.buses.has(name)) {
    throw new AwsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
  }
  const nowMs = ctx.now();
  const bus: StoredEventBus = {
    name,
    arn: eventBusArn(state.region, state.accountId, name),
    description: optionalString(input, 'Description'),
    creationTimeMs: nowMs,
    lastModifiedTimeMs: nowMs,
    rules: new Map(),
  };
  state.buses.set(name, bus);
  return {
    EventBusArn: bus.arn,
    ...(bus.description !== undefined && { Description: bus.description }),
  };
};

/** Deleting a bus that does not exist succeeds, as in AWS; its rules and targets go with it. */
export const DeleteEventBus: Operation = (input, { state }) => {
  const name = requireString(input, 'Name');
  if (name === DEFAULT_BUS_NAME) throw validationError('Cannot delete event bus default.');
  state.buses.delete(name);
  return {};
};

export const DescribeEventBus: Operation = (input, { state }) =>
  describeBus(findBus(state, input.Name));

export const ListEventBuses: Operation = (input, { state }) => {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const buses = [...state.buses.values()].filter((bus) => bus.name.startsWith(prefix));
  const { page, nextToken } = paginate(buses, input.Limit, input.NextToken);
  return { EventBuses: page.map(describeBus), ...(nextToken && { NextToken: nextToken }) };
};
