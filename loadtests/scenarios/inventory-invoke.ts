/**
 * `inventory-invoke`: the seed's LocalStack Lambda test. A SigV4-signed `Invoke`
 * (RequestResponse) of the inventory function with an EventBridge `order.placed` envelope.
 * An answer carrying `X-Amz-Function-Error` is an error of kind `function_error:<errorType>`.
 *
 * Options: `skus`, `functionName` (default the deployed inventory function).
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { INVENTORY_FUNCTION_NAME } from '../../src/shared/names.ts';
import { awsClientConfig } from './aws-clients.ts';
import { freshOrderPlaced, orderPlacedEnvelope } from './order-placed.ts';
import { loadtestSkus } from './skus.ts';
import type { Scenario } from './types.ts';

export const inventoryInvoke: Scenario = {
  name: 'inventory-invoke',
  description: 'signed Lambda Invoke of the inventory function with order.placed',
  async setup(ctx) {
    const functionName = ctx.options.functionName ?? INVENTORY_FUNCTION_NAME;
    const skus = loadtestSkus(ctx.options);
    const client = new LambdaClient(awsClientConfig(ctx));
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();

    return {
      async request(_i, signal) {
        const payload = orderPlacedEnvelope(freshOrderPlaced(skus), ctx.region);
        const answer = await client.send(
          new InvokeCommand({
            FunctionName: functionName,
            Payload: encoder.encode(JSON.stringify(payload)),
          }),
          { abortSignal: signal },
        );
        if (answer.FunctionError) {
          return {
            ok: false,
            kind: `function_error:${functionErrorType(answer.Payload, decoder)}`,
          };
        }
        return { ok: true };
      },
      describe: () => ({ endpoint: ctx.endpoint, functionName, skuCount: skus.length }),
      async teardown() {
        client.destroy();
      },
    };
  },
};

/** The `errorType` Lambda puts in an error payload, or `Unhandled` when there is none. */
export function functionErrorType(
  payload: Uint8Array | undefined,
  decoder = new TextDecoder(),
): string {
  try {
    const body = JSON.parse(decoder.decode(payload ?? new Uint8Array())) as { errorType?: unknown };
    return typeof body.errorType === 'string' ? body.errorType : 'Unhandled';
  } catch {
    return 'Unhandled';
  }
}
