/**
 * The queue attributes a client may set, with AWS's ranges and defaults, and the validation
 * that turns the wire's strings into numbers. Messages quote the rule, so they cannot drift.
 */
import { fifoUnsupported, invalidAttributeName, invalidParameterValue } from './errors.ts';

/** AWS raised the limit from 256 KiB to 1 MiB in August 2025 (botocore model 2025-08-25). */
export const DEFAULT_MAX_MESSAGE_SIZE_BYTES = 1_048_576;

export interface QueueSettings {
  visibilityTimeoutSeconds: number;
  maximumMessageSizeBytes: number;
  messageRetentionPeriodSeconds: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  redrivePolicy?: RedrivePolicy;
  /** Attributes stored and echoed but with no behaviour here (Policy, KMS, RedriveAllowPolicy...). */
  passthrough: Record<string, string>;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

interface NumericRule {
  key: keyof Omit<QueueSettings, 'redrivePolicy' | 'passthrough'>;
  min: number;
  max: number;
  defaultValue: number;
}

export function numericRules(maxMessageSizeBytes: number): Record<string, NumericRule> {
  return {
    VisibilityTimeout: { key: 'visibilityTimeoutSeconds', min: 0, max: 43_200, defaultValue: 30 },
    MaximumMessageSize: {
      key: 'maximumMessageSizeBytes',
      min: 1_024,
      max: maxMessageSizeBytes,
      defaultValue: maxMessageSizeBytes,
    },
    MessageRetentionPeriod: {
      key: 'messageRetentionPeriodSeconds',
      min: 60,
      max: 1_209_600,
      defaultValue: 345_600,
    },
    DelaySeconds: { key: 'delaySeconds', min: 0, max: 900, defaultValue: 0 },
    ReceiveMessageWaitTimeSeconds: {
      key: 'receiveMessageWaitTimeSeconds',
      min: 0,
      max: 20,
      defaultValue: 0,
    },
  };
}

const PASSTHROUGH_ATTRIBUTES = new Set([
  'Policy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
]);

const FIFO_ATTRIBUTES = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Attributes GetQueueAttributes can name, besides the settable ones. */
export const READ_ONLY_ATTRIBUTES = [
  'QueueArn',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
];

export function defaultSettings(maxMessageSizeBytes: number): QueueSettings {
  const rules = numericRules(maxMessageSizeBytes);
  return {
    visibilityTimeoutSeconds: rules.VisibilityTimeout.defaultValue,
    maximumMessageSizeBytes: rules.MaximumMessageSize.defaultValue,
    messageRetentionPeriodSeconds: rules.MessageRetentionPeriod.defaultValue,
    delaySeconds: rules.DelaySeconds.defaultValue,
    receiveMessageWaitTimeSeconds: rules.ReceiveMessageWaitTimeSeconds.defaultValue,
    passthrough: { SqsManagedSseEnabled: 'true' },
  };
}

function parseInteger(name: string, raw: string, rule: NumericRule): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || value < rule.min || value > rule.max) {
    throw invalidParameterValue(
      `Invalid value for the parameter ${name}. Reason: Must be an integer from ${rule.min} to ${rule.max}; got "${raw}".`,
    );
  }
  return value;
}

function parseRedrivePolicy(
  raw: string,
  queueExists: (arn: string) => boolean,
): RedrivePolicy | undefined {
  if (raw === '') return undefined;
  const invalid = (reason: string) =>
    invalidParameterValue(`Value ${raw} for parameter RedrivePolicy is invalid. Reason: ${reason}`);
  let parsed: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('Redrive policy is not a valid JSON map.');
  }
  const arn = parsed?.deadLetterTargetArn;
  const count = Number(parsed?.maxReceiveCount);
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
    throw invalid(
      'Redrive policy must contain deadLetterTargetArn, the ARN of the dead-letter queue.',
    );
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalid('maxReceiveCount must be an integer from 1 to 1000.');
  }
  if (!queueExists(arn)) throw invalid('Dead letter target does not exist.');
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

/**
 * Applies wire attributes (all strings) to settings, returning the new settings. Validates every
 * attribute before changing anything, so a bad request changes nothing.
 */
export function applyAttributes(
  current: QueueSettings,
  attributes: Record<string, string>,
  options: { maxMessageSizeBytes: number; queueExists: (arn: string) => boolean },
): QueueSettings {
  const rules = numericRules(options.maxMessageSizeBytes);
  const next: QueueSettings = { ...current, passthrough: { ...current.passthrough } };
  for (const [name, rawValue] of Object.entries(attributes)) {
    const value = String(rawValue);
    const rule = rules[name];
    if (rule) next[rule.key] = parseInteger(name, value, rule);
    else if (name === 'RedrivePolicy')
      next.redrivePolicy = parseRedrivePolicy(value, options.queueExists);
    else if (PASSTHROUGH_ATTRIBUTES.has(name)) next.passthrough[name] = value;
    else if (FIFO_ATTRIBUTES.has(name)) {
      if (name === 'FifoQueue' && value === 'false') continue;
      throw fifoUnsupported();
    } else throw invalidAttributeName(name);
  }
  return next;
}

/** The settable attributes as AWS returns them: every value a string. */
export function renderSettings(settings: QueueSettings): Record<string, string> {
  const rendered: Record<string, string> = {
    VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
    MaximumMessageSize: String(settings.maximumMessageSizeBytes),
    MessageRetentionPeriod: String(settings.messageRetentionPeriodSeconds),
    DelaySeconds: String(settings.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveMessageWaitTimeSeconds),
    ...settings.passthrough,
  };
  if (settings.redrivePolicy) rendered.RedrivePolicy = JSON.stringify(settings.redrivePolicy);
  return rendered;
}
