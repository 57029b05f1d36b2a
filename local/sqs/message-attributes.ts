/** Message attributes: validating what senders give, sizing them, and picking what receivers ask for. */
import { invalidParameterValue } from './errors.ts';

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  /** Base64, as both wire protocols carry it. */
  BinaryValue?: string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

const MAX_ATTRIBUTES = 10;
const NAME_PATTERN = /^[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,254}[A-Za-z0-9_-])?$/;
const DATA_TYPE_PATTERN = /^(String|Number|Binary)(\.[^\s]{1,250})?$/;

function attributeError(name: string, reason: string) {
  return invalidParameterValue(`Message attribute '${name}' is invalid. Reason: ${reason}`);
}

/** Checks the attributes of one message and returns them in canonical form (only known members). */
export function validateMessageAttributes(raw: unknown): MessageAttributes {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object')
    throw invalidParameterValue('MessageAttributes must be a map of name to value.');
  const entries = Object.entries(raw as Record<string, Partial<MessageAttributeValue>>);
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const attributes: MessageAttributes = {};
  for (const [name, value] of entries) {
    if (!NAME_PATTERN.test(name) || name.includes('..') || /^(aws\.|amazon\.)/i.test(name)) {
      throw attributeError(
        name,
        'names use A-Z a-z 0-9 _ - . (no leading, trailing or double dots, no AWS./Amazon. prefix), up to 256 characters.',
      );
    }
    const dataType = value?.DataType;
    if (!dataType || !DATA_TYPE_PATTERN.test(dataType)) {
      throw attributeError(
        name,
        'DataType must be String, Number or Binary, optionally followed by .<custom>.',
      );
    }
    if (dataType.startsWith('Binary')) {
      if (!value.BinaryValue)
        throw attributeError(name, 'a Binary attribute needs a non-empty BinaryValue.');
      attributes[name] = { DataType: dataType, BinaryValue: value.BinaryValue };
    } else {
      if (value.StringValue === undefined || value.StringValue === '') {
        throw attributeError(name, `a ${dataType} attribute needs a non-empty StringValue.`);
      }
      if (dataType.startsWith('Number') && !Number.isFinite(Number(value.StringValue))) {
        throw attributeError(name, `StringValue "${value.StringValue}" is not a number.`);
      }
      attributes[name] = { DataType: dataType, StringValue: String(value.StringValue) };
    }
  }
  return attributes;
}

/** Bytes the attributes count against the message size limit: name + type + value. */
export function messageAttributesSizeBytes(attributes: MessageAttributes): number {
  let size = 0;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size +=
      value.BinaryValue !== undefined
        ? Buffer.byteLength(value.BinaryValue, 'base64')
        : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}

/** `All` / `.*` select everything, `prefix.*` a prefix, anything else an exact name. */
export function selectMessageAttributes(
  attributes: MessageAttributes,
  requestedNames: string[],
): MessageAttributes | undefined {
  if (requestedNames.length === 0) return undefined;
  const all = requestedNames.some((name) => name === 'All' || name === '.*');
  const selected: MessageAttributes = {};
  let count = 0;
  for (const [name, value] of Object.entries(attributes)) {
    const wanted =
      all ||
      requestedNames.some((requested) =>
        requested.endsWith('.*') ? name.startsWith(requested.slice(0, -1)) : name === requested,
      );
    if (wanted) {
      selected[name] = value;
      count++;
    }
  }
  return count > 0 ? selected : undefined;
}
