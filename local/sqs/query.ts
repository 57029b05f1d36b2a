/**
 * The query wire protocol (form body `Action=...&Version=2012-11-05`, XML answers) that older
 * CLIs and SDKs speak. Requests are turned into the JSON protocol's input shape, and outputs
 * back from it, so the operations know one shape only.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../errors.ts';
import type { AwsRequest, AwsResponse } from '../types.ts';
import { queryErrorCode } from './errors.ts';
import type { SqsInput, SqsOutput } from './operations/context.ts';

const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

type Tree = { [key: string]: Tree | string };

/** `A.1.B=x` to `{ A: { 1: { B: 'x' } } }`. Prototype-less nodes, so `__proto__.x=1` is just a key. */
function unflatten(params: URLSearchParams): Tree {
  const root: Tree = Object.create(null);
  for (const [key, value] of params) {
    const segments = key.split('.');
    let node = root;
    for (const segment of segments.slice(0, -1)) {
      if (typeof node[segment] !== 'object') node[segment] = Object.create(null);
      node = node[segment] as Tree;
    }
    node[segments[segments.length - 1]] = value;
  }
  return root;
}

/** `{1: a, 2: b}` to `[a, b]` by index. */
function indexed(tree: Tree | string): (Tree | string)[] {
  if (typeof tree !== 'object') return [];
  return Object.keys(tree)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => tree[k]);
}

function toMap(
  tree: Tree | string,
  keyName: string,
  valueName: string,
  value: (v: Tree | string) => unknown,
) {
  const map: Record<string, unknown> = {};
  for (const entry of indexed(tree)) {
    if (typeof entry === 'object' && typeof entry[keyName] === 'string') {
      map[entry[keyName] as string] = value(entry[valueName]);
    }
  }
  return map;
}

/** Renames the flattened query members to the JSON protocol's members, recursively for entries. */
function toJsonShape(tree: Tree): SqsInput {
  const input: SqsInput = {};
  for (const [name, value] of Object.entries(tree)) {
    if (name === 'Attribute') input.Attributes = toMap(value, 'Name', 'Value', String);
    else if (name === 'MessageAttribute' || name === 'MessageSystemAttribute') {
      input[`${name}s`] = toMap(value, 'Name', 'Value', (v) =>
        typeof v === 'object' ? { ...v } : {},
      );
    } else if (name === 'Tag') input.Tags = toMap(value, 'Key', 'Value', String);
    else if (
      ['AttributeName', 'MessageAttributeName', 'MessageSystemAttributeName', 'TagKey'].includes(
        name,
      )
    ) {
      input[name === 'TagKey' ? 'TagKeys' : `${name}s`] = indexed(value).map(String);
    } else if (name.endsWith('BatchRequestEntry')) {
      input.Entries = indexed(value).map((entry) =>
        typeof entry === 'object' ? toJsonShape(entry) : {},
      );
    } else input[name] = value;
  }
  return input;
}

export function parseQueryRequest(req: AwsRequest): { operation: string; input: SqsInput } {
  const params = new URLSearchParams(req.query);
  if (req.body.length > 0) {
    for (const [key, value] of new URLSearchParams(req.body.toString('utf8')))
      params.set(key, value);
  }
  const operation = params.get('Action');
  if (!operation)
    throw new AwsError('MissingAction', 'The request must contain the parameter Action.');
  params.delete('Action');
  params.delete('Version');
  return { operation, input: toJsonShape(unflatten(params)) };
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#xD;');
}

const MAP_MEMBERS: Record<string, [element: string, key: string, value: string]> = {
  Attributes: ['Attribute', 'Name', 'Value'],
  MessageAttributes: ['MessageAttribute', 'Name', 'Value'],
  Tags: ['Tag', 'Key', 'Value'],
};

function listElementName(operation: string, member: string): string {
  if (member === 'QueueUrls') return 'QueueUrl';
  if (member === 'Messages') return 'Message';
  if (member === 'Failed') return 'BatchResultErrorEntry';
  if (member === 'Successful') return `${operation}ResultEntry`;
  return member;
}

function toXml(operation: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'object') return escapeXml(String(value));
  let xml = '';
  for (const [member, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === undefined) continue;
    if (Array.isArray(child)) {
      const element = listElementName(operation, member);
      for (const item of child) xml += `<${element}>${toXml(operation, item)}</${element}>`;
    } else if (MAP_MEMBERS[member] && typeof child === 'object' && child !== null) {
      const [element, key, valueName] = MAP_MEMBERS[member];
      for (const [k, v] of Object.entries(child)) {
        xml += `<${element}><${key}>${escapeXml(k)}</${key}><${valueName}>${toXml(operation, v)}</${valueName}></${element}>`;
      }
    } else {
      xml += `<${member}>${toXml(operation, child)}</${member}>`;
    }
  }
  return xml;
}

/** Operations whose answer has no `<OpResult>` element. */
const NO_RESULT = new Set([
  'DeleteMessage',
  'ChangeMessageVisibility',
  'DeleteQueue',
  'PurgeQueue',
  'SetQueueAttributes',
  'TagQueue',
  'UntagQueue',
]);

export function queryResponse(operation: string, output: SqsOutput): AwsResponse {
  const requestId = randomUUID();
  const result = NO_RESULT.has(operation)
    ? ''
    : `<${operation}Result>${toXml(operation, output)}</${operation}Result>`;
  const body =
    `<?xml version="1.0"?><${operation}Response xmlns="${XMLNS}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
  };
}

export function queryErrorResponse(err: AwsError): AwsResponse {
  const requestId = randomUUID();
  const body =
    `<?xml version="1.0"?><ErrorResponse xmlns="${XMLNS}"><Error>` +
    `<Type>${err.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(queryErrorCode(err.code))}</Code>` +
    `<Message>${escapeXml(err.message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return {
    status: err.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
  };
}
