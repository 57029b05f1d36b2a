/**
 * TransactGetItems: up to 100 GetItem reads answered as one consistent snapshot. The caller holds
 * the DynamoDB lock (shared), so no transaction is half-applied while the reads run.
 */
import { type DynaliteStore, runAction, type ValidatedRequest } from './dynalite.ts';
import {
  ACTION_RULES,
  readTransactAction,
  readTransactItems,
  type ValidateAction,
} from './transact-items.ts';

const ONE_ACTION_PER_ITEM = 'TransactItems can only contain one Get';

/** Outside the lock: request shape and dynalite's validation of every Get. */
export function prepareTransactGet(request: unknown, validate: ValidateAction): ValidatedRequest[] {
  return readTransactItems(request).map((item, index) => {
    const action = readTransactAction(item, index, ['Get'] as const, ONE_ACTION_PER_ITEM);
    return validate(ACTION_RULES.Get.operation, action.body);
  });
}

/** `Responses` in request order; `{}` for an item that does not exist. */
export async function executeTransactGet(
  store: DynaliteStore,
  gets: ValidatedRequest[],
): Promise<{ Responses: { Item?: unknown }[] }> {
  const results = await Promise.all(gets.map((get) => runAction('getItem', store, get)));
  return { Responses: results.map((result) => (result.Item ? { Item: result.Item } : {})) };
}
