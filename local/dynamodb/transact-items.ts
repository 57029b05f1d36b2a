/**
 * The request shape shared by TransactWriteItems and TransactGetItems: 1 to 100 `TransactItems`,
 * each holding exactly one action. Each action is turned into the body of the single-item
 * operation it resembles, so dynalite's own validations and expression parsers check it.
 */
import type { SingleItemOperation, ValidatedRequest } from './dynalite.ts';
import { serializationException, validationException } from './errors.ts';
import { tableNameFromNameOrArn } from './table-name.ts';

export const MAX_TRANSACT_ITEMS = 100;

export type WriteActionKind = 'ConditionCheck' | 'Put' | 'Update' | 'Delete';

/** Which dynalite operation validates each kind, and which members it accepts from it. */
export const ACTION_RULES: Record<
  WriteActionKind | 'Get',
  { operation: SingleItemOperation; members: string[]; required: string[] }
> = {
  ConditionCheck: {
    // dynalite has no ConditionCheck; DeleteItem validates the same members the same way.
    operation: 'deleteItem',
    members: [
      'Key',
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ],
    required: ['Key', 'ConditionExpression'],
  },
  Put: {
    operation: 'putItem',
    members: [
      'Item',
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ],
    required: ['Item'],
  },
  Update: {
    operation: 'updateItem',
    members: [
      'Key',
      'UpdateExpression',
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ],
    required: ['Key', 'UpdateExpression'],
  },
  Delete: {
    operation: 'deleteItem',
    members: [
      'Key',
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ],
    required: ['Key'],
  },
  Get: {
    operation: 'getItem',
    members: ['Key', 'ProjectionExpression', 'ExpressionAttributeNames'],
    required: ['Key'],
  },
};

/** dynalite's validation of one single-item request body (see ParsedExpressionCache). */
export type ValidateAction = (
  operation: SingleItemOperation,
  body: Record<string, unknown>,
) => ValidatedRequest;

const RETURN_VALUES_ON_FAILURE = ['ALL_OLD', 'NONE'];

export interface TransactAction<Kind extends string> {
  kind: Kind;
  /** 1-based, as AWS numbers members in validation messages. */
  position: number;
  tableName: string;
  /** A fresh body for the single-item operation (`{ TableName, Key, ConditionExpression, ... }`). */
  body: Record<string, unknown>;
  returnOldImageOnConditionFailure: boolean;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

/** Reads `TransactItems`; throws the AwsError AWS answers a malformed list with. */
export function readTransactItems(request: unknown): unknown[] {
  if (!isObject(request)) throw serializationException('The request body must be a JSON object.');
  const items = request.TransactItems;
  if (items === undefined || items === null) {
    throw validationException(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!Array.isArray(items)) throw serializationException('TransactItems must be a list.');
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    const bound =
      items.length < 1
        ? 'greater than or equal to 1'
        : `less than or equal to ${MAX_TRANSACT_ITEMS}`;
    throw validationException(
      `1 validation error detected: Value with ${items.length} members at 'transactItems' ` +
        `failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  return items;
}

/**
 * Turns one TransactItem into an action of one of `kinds`; throws ValidationException when it
 * holds none or several, or a member the action needs is missing or invalid.
 */
export function readTransactAction<Kind extends WriteActionKind | 'Get'>(
  item: unknown,
  index: number,
  kinds: readonly Kind[],
  oneOfMessage: string,
): TransactAction<Kind> {
  if (!isObject(item)) throw serializationException(`TransactItems[${index}] must be an object.`);
  const present = kinds.filter((kind) => item[kind] !== undefined && item[kind] !== null);
  if (present.length !== 1) throw validationException(oneOfMessage);
  const kind = present[0]!;
  const action = item[kind];
  if (!isObject(action))
    throw serializationException(`TransactItems[${index}].${kind} must be an object.`);
  const path = `transactItems.${index + 1}.member.${lowerFirst(kind)}`;

  const rules = ACTION_RULES[kind];
  for (const member of [...rules.required, 'TableName']) {
    if (action[member] === undefined || action[member] === null) {
      throw validationException(
        `1 validation error detected: Value null at '${path}.${lowerFirst(member)}' ` +
          'failed to satisfy constraint: Member must not be null',
      );
    }
  }
  const returnValues = action.ReturnValuesOnConditionCheckFailure;
  if (returnValues !== undefined && !RETURN_VALUES_ON_FAILURE.includes(String(returnValues))) {
    throw validationException(
      `1 validation error detected: Value '${String(returnValues)}' at ` +
        `'${path}.returnValuesOnConditionCheckFailure' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${RETURN_VALUES_ON_FAILURE.join(', ')}]`,
    );
  }

  const tableName = tableNameFromNameOrArn(action.TableName);
  const body: Record<string, unknown> = { TableName: tableName };
  for (const member of rules.members) {
    if (action[member] !== undefined) body[member] = action[member];
  }
  return {
    kind,
    position: index + 1,
    tableName: String(tableName),
    body,
    returnOldImageOnConditionFailure: returnValues === 'ALL_OLD',
  };
}
