/**
 * SQS's errors, in one place. `code` is the JSON protocol's error type (`QueueDoesNotExist`);
 * the query protocol and the `x-amzn-query-error` header use an older name for some of them,
 * mapped below from the botocore model's `awsQueryError` traits.
 */
import { AwsError } from '../errors.ts';

const QUERY_CODES: Record<string, string> = {
  QueueDoesNotExist: 'AWS.SimpleQueueService.NonExistentQueue',
  QueueNameExists: 'QueueAlreadyExists',
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter',
  BatchEntryIdsNotDistinct: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  BatchRequestTooLong: 'AWS.SimpleQueueService.BatchRequestTooLong',
  EmptyBatchRequest: 'AWS.SimpleQueueService.EmptyBatchRequest',
  InvalidBatchEntryId: 'AWS.SimpleQueueService.InvalidBatchEntryId',
  MessageNotInflight: 'AWS.SimpleQueueService.MessageNotInflight',
  PurgeQueueInProgress: 'AWS.SimpleQueueService.PurgeQueueInProgress',
  QueueDeletedRecently: 'AWS.SimpleQueueService.QueueDeletedRecently',
  TooManyEntriesInBatchRequest: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  UnsupportedOperation: 'AWS.SimpleQueueService.UnsupportedOperation',
};

/** The error code the query protocol (and `x-amzn-query-error`) uses for a JSON error type. */
export function queryErrorCode(code: string): string {
  return QUERY_CODES[code] ?? code;
}

export function queueDoesNotExist(): AwsError {
  return new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

export function invalidParameterValue(reason: string): AwsError {
  return new AwsError('InvalidParameterValueException', reason);
}

/** AWS's wording for a parameter outside its range: names the parameter, the value and the rule. */
export function outOfRange(name: string, value: unknown, min: number, max: number): AwsError {
  return invalidParameterValue(
    `Value ${String(value)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
  );
}

export function missingParameter(name: string): AwsError {
  return new AwsError(
    'MissingRequiredParameterException',
    `The request must contain the parameter ${name}.`,
  );
}

export function receiptHandleIsInvalid(handle: string): AwsError {
  return new AwsError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );
}

export function invalidAttributeName(name: string): AwsError {
  return new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

export function fifoUnsupported(): AwsError {
  return new AwsError(
    'UnsupportedOperation',
    'FIFO queues are not served by the NovaMart local cloud. Create a standard queue: ' +
      'a name without the .fifo suffix and no FifoQueue attribute.',
  );
}
