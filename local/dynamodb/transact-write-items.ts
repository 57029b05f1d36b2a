/**
 * TransactWriteItems on top of dynalite, which has no transactions. The caller holds the cloud's
 * DynamoDB lock exclusively, so nothing else reads or writes while a transaction runs:
 *
 * 1. bind every action to its table and item key (unknown table, bad key, two actions on one
 *    item are request errors);
 * 2. read every item and evaluate every condition with dynalite's own evaluator; any failure
 *    cancels the whole transaction with one reason per action;
 * 3. apply the writes (updates through dynalite's own UpdateItem); if one fails (an update
 *    expression that does not fit the item), restore the old images of the others.
 */
import {
  type AttributeMap,
  callDynalite,
  type DynaliteStore,
  type DynaliteTable,
  dynaliteDb,
  isDynaliteError,
  runAction,
  type ValidatedRequest,
} from './dynalite.ts';
import {
  type CancellationReason,
  transactionCanceledException,
  validationException,
} from './errors.ts';
import {
  ACTION_RULES,
  readTransactAction,
  readTransactItems,
  type TransactAction,
  type ValidateAction,
  type WriteActionKind,
} from './transact-items.ts';

const WRITE_KINDS: readonly WriteActionKind[] = ['ConditionCheck', 'Put', 'Update', 'Delete'];
const ONE_ACTION_PER_ITEM = 'TransactItems can only contain one of Check, Put, Update or Delete';
const CONDITION_FAILED = 'The conditional request failed';

export interface PreparedWrite extends TransactAction<WriteActionKind> {
  data: ValidatedRequest;
}

interface BoundWrite extends PreparedWrite {
  table: DynaliteTable;
  itemKey: string;
  /** The item before the transaction, read in step 2. */
  oldItem?: AttributeMap;
}

/** Step 0, outside the lock: request shape and dynalite's validation of every action. */
export function prepareTransactWrite(request: unknown, validate: ValidateAction): PreparedWrite[] {
  return readTransactItems(request).map((item, index) => {
    const action = readTransactAction(item, index, WRITE_KINDS, ONE_ACTION_PER_ITEM);
    return { ...action, data: validate(ACTION_RULES[action.kind].operation, action.body) };
  });
}

/** Runs a prepared transaction; the caller must hold the DynamoDB lock exclusively. */
export async function executeTransactWrite(
  store: DynaliteStore,
  writes: PreparedWrite[],
): Promise<void> {
  const bound = await bindToItems(store, writes);
  await checkConditions(store, bound);
  await applyWrites(store, bound);
}

async function bindToItems(store: DynaliteStore, writes: PreparedWrite[]): Promise<BoundWrite[]> {
  const tables = await readTables(store, writes);
  const itemsSeen = new Set<string>();
  return writes.map((write): BoundWrite => {
    const table = tables.get(write.tableName)!;
    const keySource = (write.kind === 'Put' ? write.data.Item : write.data.Key) as AttributeMap;
    const invalid =
      write.kind === 'Put'
        ? dynaliteDb.validateItem(keySource, table)
        : (dynaliteDb.validateKey(keySource, table) ??
          (write.kind === 'Update'
            ? dynaliteDb.validateUpdates(undefined, write.data._updates, table)
            : null));
    if (invalid) throw invalid;

    const itemKey = dynaliteDb.createKey(keySource, table);
    const itemId = `${write.tableName}\u0000${itemKey}`;
    if (itemsSeen.has(itemId)) {
      throw validationException(
        'Transaction request cannot include multiple operations on one item',
      );
    }
    itemsSeen.add(itemId);
    return { ...write, table, itemKey };
  });
}

/** Each table once, read together; a missing or not-yet-ACTIVE table is ResourceNotFoundException. */
async function readTables(
  store: DynaliteStore,
  writes: PreparedWrite[],
): Promise<Map<string, DynaliteTable>> {
  const names = [...new Set(writes.map((write) => write.tableName))];
  const tables = await Promise.all(
    names.map((name) => callDynalite<DynaliteTable>((cb) => store.getTable(name, true, cb))),
  );
  return new Map(names.map((name, index) => [name, tables[index]!]));
}

async function checkConditions(store: DynaliteStore, bound: BoundWrite[]): Promise<void> {
  await Promise.all(
    bound.map(async (write) => {
      const itemDb = store.getItemDb(write.tableName);
      write.oldItem = await callDynalite<AttributeMap | undefined>((cb) =>
        itemDb.get(write.itemKey, cb),
      );
    }),
  );
  let failed = false;
  const reasons = bound.map((write): CancellationReason => {
    if (!dynaliteDb.checkConditional(write.data, write.oldItem)) return { Code: 'None' };
    failed = true;
    const reason: CancellationReason = {
      Code: 'ConditionalCheckFailed',
      Message: CONDITION_FAILED,
    };
    if (write.returnOldImageOnConditionFailure && write.oldItem) reason.Item = write.oldItem;
    return reason;
  });
  if (failed) throw transactionCanceledException(reasons);
}

async function applyWrites(store: DynaliteStore, bound: BoundWrite[]): Promise<void> {
  const writes = bound.filter((write) => write.kind !== 'ConditionCheck');
  // Every write touches a different item (checked in bindToItems), so they may run together.
  const outcomes = await Promise.allSettled(writes.map((write) => applyWrite(store, write)));
  const failedIndex = outcomes.findIndex((outcome) => outcome.status === 'rejected');
  if (failedIndex < 0) return;

  const applied = writes.filter((_write, index) => outcomes[index]!.status === 'fulfilled');
  for (const write of applied) await restoreOldImage(store, write);

  const failure = (outcomes[failedIndex] as PromiseRejectedResult).reason as unknown;
  if (!isDynaliteError(failure)) throw failure;
  const failedWrite = writes[failedIndex];
  // Under the exclusive lock a condition cannot change between check and write; the mapping is
  // kept so a broken lock would show up as the right reason rather than a misleading one.
  const conditionFailed = failure.body?.__type.endsWith('#ConditionalCheckFailedException');
  const reason: CancellationReason = conditionFailed
    ? { Code: 'ConditionalCheckFailed', Message: CONDITION_FAILED }
    : { Code: 'ValidationError', Message: failure.message };
  throw transactionCanceledException(
    bound.map((write) => (write === failedWrite ? reason : { Code: 'None' })),
  );
}

/**
 * Update goes through dynalite's UpdateItem (its update-expression evaluator is not exported).
 * Put and Delete write directly: their conditions were checked in step 2 and nothing can have
 * changed since, which saves re-reading the table and the item (a third of a small transaction).
 */
async function applyWrite(store: DynaliteStore, write: BoundWrite): Promise<void> {
  if (write.kind === 'Update') {
    await runAction('updateItem', store, write.data);
    return;
  }
  const item = write.kind === 'Put' ? (write.data.Item as AttributeMap) : undefined;
  await replaceItem(store, write, write.oldItem, item);
}

/**
 * Replaces the stored `current` with `item` (deletes it when undefined), index entries included,
 * the way dynalite's own actions write.
 */
async function replaceItem(
  store: DynaliteStore,
  write: BoundWrite,
  current: AttributeMap | undefined,
  item: AttributeMap | undefined,
): Promise<void> {
  const itemDb = store.getItemDb(write.tableName);
  await callDynalite<void>((cb) => dynaliteDb.updateIndexes(store, write.table, current, item, cb));
  await callDynalite<void>((cb) =>
    item ? itemDb.put(write.itemKey, item, cb) : itemDb.del(write.itemKey, cb),
  );
}

async function restoreOldImage(store: DynaliteStore, write: BoundWrite): Promise<void> {
  const itemDb = store.getItemDb(write.tableName);
  const current = await callDynalite<AttributeMap | undefined>((cb) =>
    itemDb.get(write.itemKey, cb),
  );
  await replaceItem(store, write, current, write.oldItem);
}
