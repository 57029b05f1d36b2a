/** Queue lifecycle and attributes: CreateQueue through ListQueueTags, one function per operation. */
import { AwsError } from '../../errors.ts';
import {
  fifoUnsupported,
  invalidAttributeName,
  invalidParameterValue,
  queueDoesNotExist,
} from '../errors.ts';
import type { Queue } from '../queue.ts';
import {
  applyAttributes,
  defaultSettings,
  READ_ONLY_ATTRIBUTES,
  renderSettings,
} from '../queue-attributes.ts';
import { QUEUE_NAME_PATTERN, queueUrl } from '../queue-url.ts';
import {
  optionalInteger,
  requireString,
  resolveQueue,
  type SqsCall,
  type SqsEnvironment,
  type SqsInput,
  type SqsOutput,
  stringList,
  stringMap,
} from './context.ts';

const MAX_LIST_RESULTS = 1000;

function attributeOptions(env: SqsEnvironment) {
  return {
    maxMessageSizeBytes: env.maxMessageSizeBytes,
    queueExists: (arn: string) => !!env.store.getByArn(arn),
  };
}

export function CreateQueue(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const name = requireString(input, 'QueueName');
  if (name.endsWith('.fifo')) throw fifoUnsupported();
  if (!QUEUE_NAME_PATTERN.test(name)) {
    throw invalidParameterValue(
      `Value ${name} for parameter QueueName is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.`,
    );
  }
  const attributes = stringMap(input, 'Attributes');
  const requested = applyAttributes(
    defaultSettings(env.maxMessageSizeBytes),
    attributes,
    attributeOptions(env),
  );
  const key = { region: call.region, accountId: call.accountId, name };
  const existing = env.store.get(key);
  if (existing) {
    const current = renderSettings(existing.settings);
    const wanted = renderSettings(requested);
    const differing = Object.keys(attributes).find(
      (attribute) => current[attribute] !== wanted[attribute],
    );
    if (differing) {
      throw new AwsError(
        'QueueNameExists',
        `A queue already exists with the same name and a different value for attribute ${differing}.`,
      );
    }
    return { QueueUrl: queueUrl(call.origin, key) };
  }
  const queue = env.store.create(key, requested);
  // JSON names the member `tags`; the query protocol's `Tag.N` arrives as `Tags`.
  queue.tags = { ...stringMap(input, 'Tags'), ...stringMap(input, 'tags') };
  return { QueueUrl: queueUrl(call.origin, key) };
}

export function GetQueueUrl(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const name = requireString(input, 'QueueName');
  const accountId = input.QueueOwnerAWSAccountId
    ? String(input.QueueOwnerAWSAccountId)
    : call.accountId;
  const key = { region: call.region, accountId, name };
  if (!env.store.get(key)) throw queueDoesNotExist();
  return { QueueUrl: queueUrl(call.origin, key) };
}

export function ListQueues(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const maxResults = optionalInteger(input, 'MaxResults', 1, MAX_LIST_RESULTS);
  const prefix = input.QueueNamePrefix ? String(input.QueueNamePrefix) : '';
  const after = input.NextToken
    ? Buffer.from(String(input.NextToken), 'base64').toString('utf8')
    : '';
  const queues = env.store.list(call.region, call.accountId, prefix).filter((q) => q.name > after);
  const page = queues.slice(0, maxResults ?? MAX_LIST_RESULTS);
  const output: SqsOutput = {};
  if (page.length > 0) output.QueueUrls = page.map((q) => queueUrl(call.origin, q.key));
  if (maxResults !== undefined && queues.length > page.length) {
    output.NextToken = Buffer.from(page[page.length - 1].name, 'utf8').toString('base64');
  }
  return output;
}

function allAttributes(queue: Queue): Record<string, string> {
  const counts = queue.counts();
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdTimestampMs / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedTimestampMs / 1000)),
    ...renderSettings(queue.settings),
  };
}

const KNOWN_ATTRIBUTE_NAMES = new Set([
  ...READ_ONLY_ATTRIBUTES,
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'Policy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

export function GetQueueAttributes(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  const names = stringList(input, 'AttributeNames');
  for (const name of names) {
    if (name !== 'All' && !KNOWN_ATTRIBUTE_NAMES.has(name)) throw invalidAttributeName(name);
  }
  if (names.length === 0) return {};
  const all = allAttributes(queue);
  if (names.includes('All')) return { Attributes: all };
  const selected: Record<string, string> = {};
  for (const name of names) if (all[name] !== undefined) selected[name] = all[name];
  return Object.keys(selected).length > 0 ? { Attributes: selected } : {};
}

export function SetQueueAttributes(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  queue.settings = applyAttributes(
    queue.settings,
    stringMap(input, 'Attributes'),
    attributeOptions(env),
  );
  queue.lastModifiedTimestampMs = env.now();
  return {};
}

// TODO: AWS allows one purge per queue per 60 s (PurgeQueueInProgress); not enforced so tests can reset queues.
export function PurgeQueue(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  resolveQueue(env, call, input).purge();
  return {};
}

export function DeleteQueue(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  env.store.delete(resolveQueue(env, call, input));
  return {};
}

export function TagQueue(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  Object.assign(queue.tags, stringMap(input, 'Tags'));
  return {};
}

export function UntagQueue(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  for (const key of stringList(input, 'TagKeys')) delete queue.tags[key];
  return {};
}

export function ListQueueTags(env: SqsEnvironment, call: SqsCall, input: SqsInput): SqsOutput {
  const queue = resolveQueue(env, call, input);
  return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
}
