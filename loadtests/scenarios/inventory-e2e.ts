/**
 * `inventory-e2e`: the fair comparison of lambda mode and worker mode. Each request publishes
 * `order.placed` (PutEvents, as the order service's relay does) with a fresh orderId and waits for
 * the matching `inventory.*` event on the run's own queue. Latency runs from the scheduled publish
 * to the observation, so it covers the rule, the Lambda or worker, DynamoDB and the answer event.
 *
 * Errors by kind: `publish_failed` (PutEvents refused the entry), `timeout` (no outcome before the
 * request timeout: lost). A rejection is a valid outcome, labelled `rejected:<reason>`. Counters:
 * duplicated and late outcomes, foreign events, receive errors.
 *
 * Options: `skus`, `receivers` (concurrent long-poll receivers, default 4).
 */
import { randomUUID } from 'node:crypto';
import { EventBridgeClient, type PutEventsResponse } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { awsClientConfig, awsJsonClient } from './aws-clients.ts';
import { EVENTBRIDGE_JSON, SQS_JSON } from './aws-json-client.ts';
import { startE2eListener } from './e2e-listener.ts';
import { freshOrderPlaced, orderPlacedEntry } from './order-placed.ts';
import { OutcomeMatcher } from './outcome-matcher.ts';
import { numberOption } from './scenario-options.ts';
import { loadtestSkus } from './skus.ts';
import type { Scenario } from './types.ts';

export const inventoryE2e: Scenario = {
  name: 'inventory-e2e',
  description: 'publish order.placed, observe the matching inventory.* event',
  async setup(ctx) {
    const skus = loadtestSkus(ctx.options);
    const receivers = numberOption(ctx.options, 'receivers', 4, 1, 64);
    const events = new EventBridgeClient(awsClientConfig(ctx));
    const sqs = new SQSClient(awsClientConfig(ctx));
    // Per-request calls go through the lean client; the SDK sets up and tears down.
    const publish = awsJsonClient(ctx, EVENTBRIDGE_JSON, events, Math.min(ctx.maxInFlight, 1024));
    const receive = awsJsonClient(ctx, SQS_JSON, sqs, receivers * 2);
    const matcher = new OutcomeMatcher();
    const runId = randomUUID().slice(0, 8);
    const listener = await startE2eListener({
      sqs,
      receive,
      events,
      runId,
      receivers,
      onMessage: (body) => matcher.observe(body),
      logger: ctx.logger,
    });
    ctx.logger.info(
      { queueUrl: listener.queueUrl, rule: listener.ruleName },
      'inventory-e2e listening',
    );

    return {
      async request(_i, signal) {
        const detail = freshOrderPlaced(skus);
        // Wait before publishing, so an outcome that comes back fast is never missed.
        const outcome = matcher.waitFor(detail.orderId, signal);
        try {
          const answer = await publish.call<PutEventsResponse>(
            'PutEvents',
            { Entries: [orderPlacedEntry(detail)] },
            signal,
          );
          if ((answer.FailedEntryCount ?? 0) > 0) {
            matcher.cancel(detail.orderId);
            return { ok: false, kind: 'publish_failed' };
          }
        } catch (err) {
          matcher.cancel(detail.orderId);
          if (signal.aborted) return { ok: false, kind: 'timeout' };
          ctx.logger.debug({ err }, 'PutEvents failed');
          return { ok: false, kind: 'publish_failed' };
        }
        return outcome;
      },
      counters: () => ({ ...matcher.counters(), receiveErrors: listener.receiveErrors() }),
      describe: () => ({ endpoint: ctx.endpoint, receivers, skuCount: skus.length, runId }),
      async teardown() {
        try {
          await listener.stop();
        } finally {
          await Promise.allSettled([publish.close(), receive.close()]);
          events.destroy();
          sqs.destroy();
        }
      },
    };
  },
};
