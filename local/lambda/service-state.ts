/** What every Lambda operation works on, and the small helpers they share. */
import type { CloudContext } from '../context.ts';
import { AwsError } from '../errors.ts';
import type { AwsRequest, AwsResponse } from '../types.ts';
import type { AsyncInvoker } from './async-invoker.ts';
import type { MappingManager } from './event-source/mapping-manager.ts';
import type { FunctionRegistry } from './function-registry.ts';
import type { LambdaFunction } from './lambda-function.ts';
import type { FunctionLogStore } from './log-store.ts';
import type { FunctionPool } from './runtime/function-pool.ts';

export interface LambdaServiceState {
  ctx: CloudContext;
  registry: FunctionRegistry;
  logs: FunctionLogStore;
  asyncInvoker: AsyncInvoker;
  mappings: MappingManager;
  /** A pool whose processes always start from the function's current code and configuration. */
  createPool(current: () => LambdaFunction): FunctionPool;
}

/** One REST operation; `resource` is the `{FunctionName}` or `{UUID}` path label when there is one. */
export type Operation = (
  state: LambdaServiceState,
  req: AwsRequest,
  resource: string,
) => Promise<AwsResponse>;

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): AwsResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function parseJsonBody(req: AwsRequest): Record<string, unknown> {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // answered below
  }
  throw new AwsError(
    'InvalidRequestContentException',
    'Could not parse request body into json: expected a JSON object.',
  );
}
