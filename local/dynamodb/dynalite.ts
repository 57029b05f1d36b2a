/**
 * Typed access to the parts of dynalite (a DynamoDB implementation on LevelDB) that the local
 * cloud uses: its HTTP request handler, which serves every operation it knows unchanged, and its
 * store, validations and single-item actions, which the transaction operations are built from.
 */

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A DynamoDB attribute map as it travels on the wire: `{ stock: { N: '3' } }`. */
export type AttributeMap = Record<string, Record<string, unknown>>;

/** An error dynalite answers with: an HTTP status and the JSON body it would send. */
export interface DynaliteError extends Error {
  statusCode?: number;
  body?: { __type: string; message?: string; Message?: string };
}

export type DynaliteCallback<T> = (err: DynaliteError | null | undefined, result?: T) => void;

export interface DynaliteTable {
  TableName: string;
  TableStatus: string;
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
}

interface ItemDb {
  get(key: string, cb: DynaliteCallback<AttributeMap | undefined>): void;
  put(key: string, item: AttributeMap, cb: DynaliteCallback<void>): void;
  del(key: string, cb: DynaliteCallback<void>): void;
}

export interface DynaliteStore {
  options: { maxItemSize: number };
  /** With `checkStatus`, a table that is CREATING or DELETING counts as not found. */
  getTable(name: string, checkStatus: boolean, cb: DynaliteCallback<DynaliteTable>): void;
  getItemDb(name: string): ItemDb;
  lifecycleManager?: { gracefulClose(cb: (err?: Error) => void): void };
}

/** A request body after dynalite validated it; parsed expressions hang off `_condition`, `_updates`... */
export type ValidatedRequest = Record<string, unknown>;

export interface DynaliteDb {
  create(options: object): DynaliteStore;
  validateKey(key: unknown, table: DynaliteTable): DynaliteError | undefined | null;
  validateItem(item: unknown, table: DynaliteTable): DynaliteError | undefined | null;
  validateUpdates(
    attributeUpdates: unknown,
    updates: unknown,
    table: DynaliteTable,
  ): DynaliteError | undefined | null;
  createKey(itemOrKey: AttributeMap, table: DynaliteTable): string;
  checkConditional(
    data: ValidatedRequest,
    existingItem: AttributeMap | undefined,
  ): DynaliteError | undefined | null;
  updateIndexes(
    store: DynaliteStore,
    table: DynaliteTable,
    oldItem: AttributeMap | undefined | null,
    newItem: AttributeMap | undefined | null,
    cb: DynaliteCallback<void>,
  ): void;
}

interface ActionValidation {
  types: Record<string, unknown>;
  custom?: unknown;
}

interface Validations {
  checkTypes(data: unknown, types: Record<string, unknown>): ValidatedRequest;
  checkValidations(
    data: ValidatedRequest,
    types: Record<string, unknown>,
    custom: unknown,
    store: DynaliteStore,
  ): void;
}

export type DynaliteAction = (
  store: DynaliteStore,
  data: ValidatedRequest,
  cb: DynaliteCallback<Record<string, unknown>>,
) => void;

export type SingleItemOperation = 'putItem' | 'updateItem' | 'deleteItem' | 'getItem';

export const dynaliteDb: DynaliteDb = require('dynalite/db');
const validations: Validations = require('dynalite/validations');

const actions: Record<SingleItemOperation, DynaliteAction> = {
  putItem: require('dynalite/actions/putItem'),
  updateItem: require('dynalite/actions/updateItem'),
  deleteItem: require('dynalite/actions/deleteItem'),
  getItem: require('dynalite/actions/getItem'),
};

const actionValidations: Record<SingleItemOperation, ActionValidation> = {
  putItem: require('dynalite/validations/putItem'),
  updateItem: require('dynalite/validations/updateItem'),
  deleteItem: require('dynalite/validations/deleteItem'),
  getItem: require('dynalite/validations/getItem'),
};

export interface Dynalite {
  /** dynalite's own HTTP request listener, bound to `store`. */
  handleRequest: RequestListener<typeof IncomingMessage, typeof ServerResponse>;
  store: DynaliteStore;
  close(): Promise<void>;
}

/**
 * Starts an in-memory dynalite. Its request handler and its store are two views of one database,
 * but dynalite keeps the store private; `db.create` is wrapped for the one call `dynalite()` makes
 * so the transaction code can reach the same store the handler writes to.
 */
export function createDynalite(options: Record<string, unknown>): Dynalite {
  const dynalite: (options: object) => import('node:http').Server = require('dynalite');
  const originalCreate = dynaliteDb.create;
  let store: DynaliteStore | undefined;
  dynaliteDb.create = (storeOptions: object) => {
    store = originalCreate(storeOptions);
    return store;
  };
  let server: import('node:http').Server;
  try {
    server = dynalite(options);
  } finally {
    dynaliteDb.create = originalCreate;
  }
  const handleRequest = server.listeners('request')[0] as Dynalite['handleRequest'] | undefined;
  if (!store || !handleRequest) {
    throw new Error(
      'dynalite did not expose its store and request handler; check the installed dynalite version (4.x)',
    );
  }
  const captured = store;

  return {
    handleRequest,
    store: captured,
    close: () =>
      new Promise<void>((resolve) => {
        if (!captured.lifecycleManager) return resolve();
        captured.lifecycleManager.gracefulClose(() => resolve());
      }),
  };
}

/**
 * Runs dynalite's type checks and validations for one single-item operation, exactly as its
 * HTTP handler would; throws the DynaliteError (with status and body) it would answer with.
 * `body` must be a fresh object: dynalite deletes the members it does not know from it.
 */
export function validateForOperation(
  operation: SingleItemOperation,
  body: unknown,
  store: DynaliteStore,
): ValidatedRequest {
  const rules = actionValidations[operation];
  const data = validations.checkTypes(body, rules.types);
  validations.checkValidations(data, rules.types, rules.custom, store);
  return data;
}

export function runAction(
  operation: SingleItemOperation,
  store: DynaliteStore,
  data: ValidatedRequest,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    actions[operation](store, data, (err, result) => (err ? reject(err) : resolve(result ?? {})));
  });
}

/** Promise wrapper for dynalite's node-style callbacks. */
export function callDynalite<T>(fn: (cb: DynaliteCallback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, result) => (err ? reject(err) : resolve(result as T)));
  });
}

export function isDynaliteError(err: unknown): err is DynaliteError & { statusCode: number } {
  return err instanceof Error && typeof (err as DynaliteError).statusCode === 'number';
}
