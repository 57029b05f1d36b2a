/**
 * The local cloud's DynamoDB: dynalite (in-process, in memory) serves every operation it knows,
 * unchanged; TransactWriteItems and TransactGetItems, which dynalite lacks, are built here from
 * dynalite's own validations, condition evaluator and single-item operations.
 *
 * One readers-writer lock orders everything: plain requests share it, a write transaction holds
 * it alone, so no request ever observes half a transaction.
 */
import type { CloudContext } from '../context.ts';
import { AwsError, isAwsError } from '../errors.ts';
import type { AwsRequest, AwsResponse, ServiceHandler } from '../types.ts';
import {
  ClientRequestTokens,
  requestFingerprint,
  validateClientRequestToken,
} from './client-request-tokens.ts';
import { createDynalite, type Dynalite, isDynaliteError } from './dynalite.ts';
import {
  dynaliteErrorResponse,
  errorResponse,
  jsonResponse,
  serializationException,
} from './errors.ts';
import { forwardToDynalite } from './forward-to-dynalite.ts';
import { ParsedExpressionCache } from './parsed-expression-cache.ts';
import { ReadersWriterLock } from './readers-writer-lock.ts';
import { executeTransactGet, prepareTransactGet } from './transact-get-items.ts';
import type { ValidateAction } from './transact-items.ts';
import { executeTransactWrite, prepareTransactWrite } from './transact-write-items.ts';

/** Tables are usable at once: nothing local is gained by waiting in CREATING. */
const DYNALITE_OPTIONS = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
const TARGET_PREFIX = 'DynamoDB_20120810.';

interface DynamoDbState {
  dynalite: Dynalite;
  lock: ReadersWriterLock;
  tokens: ClientRequestTokens;
  validate: ValidateAction;
}

function parseJsonRequest(req: AwsRequest): unknown {
  if (req.body.length === 0)
    throw serializationException('The request body is empty; send a JSON object.');
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch (err) {
    throw serializationException(`The request body is not valid JSON: ${(err as Error).message}`);
  }
}

async function transactWriteItems(state: DynamoDbState, req: AwsRequest): Promise<AwsResponse> {
  const request = parseJsonRequest(req) as Record<string, unknown>;
  const store = state.dynalite.store;
  const writes = prepareTransactWrite(request, state.validate);
  const token = validateClientRequestToken(request.ClientRequestToken);
  if (token === undefined) {
    await state.lock.exclusive(() => executeTransactWrite(store, writes));
    return jsonResponse({});
  }

  if (state.tokens.begin(token, requestFingerprint(request)) === 'replay') return jsonResponse({});
  let succeeded = false;
  try {
    await state.lock.exclusive(() => executeTransactWrite(store, writes));
    succeeded = true;
  } finally {
    state.tokens.finish(token, succeeded);
  }
  return jsonResponse({});
}

async function transactGetItems(state: DynamoDbState, req: AwsRequest): Promise<AwsResponse> {
  const store = state.dynalite.store;
  const gets = prepareTransactGet(parseJsonRequest(req), state.validate);
  return jsonResponse(await state.lock.shared(() => executeTransactGet(store, gets)));
}

const TRANSACTIONS: Record<
  string,
  (state: DynamoDbState, req: AwsRequest) => Promise<AwsResponse>
> = {
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
};

export async function createDynamoDbService(ctx: CloudContext): Promise<ServiceHandler> {
  const dynalite = createDynalite(DYNALITE_OPTIONS);
  const expressions = new ParsedExpressionCache();
  const state: DynamoDbState = {
    dynalite,
    lock: new ReadersWriterLock(),
    tokens: new ClientRequestTokens(() => ctx.now()),
    validate: (operation, body) => expressions.validate(operation, body, dynalite.store),
  };
  const logger = ctx.logger.child({ service: 'dynamodb' });

  return {
    name: 'dynamodb',

    async handle(req: AwsRequest): Promise<AwsResponse> {
      const target = req.headers['x-amz-target'] ?? '';
      const transaction = target.startsWith(TARGET_PREFIX)
        ? TRANSACTIONS[target.slice(TARGET_PREFIX.length)]
        : undefined;
      if (!transaction || req.method !== 'POST') {
        return state.lock.shared(() => forwardToDynalite(state.dynalite, req));
      }
      try {
        return await transaction(state, req);
      } catch (err) {
        if (isAwsError(err)) return errorResponse(err);
        if (isDynaliteError(err)) return dynaliteErrorResponse(err);
        logger.error({ err, operation: req.targetOperation }, 'transaction failed unexpectedly');
        return errorResponse(new AwsError('InternalServerError', String(err), 500));
      }
    },

    async close(): Promise<void> {
      await state.dynalite.close();
    },
  };
}
