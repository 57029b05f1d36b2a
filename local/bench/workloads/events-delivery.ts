/**
 * PutEvents to SQS-target delivery latency: a rule on a custom bus forwards matching events to a
 * queue; one event at a time is put, and its latency runs from the start of the PutEvents call to
 * the moment a long-polling receiver holds the message.
 */
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  type EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describeErrors, percentileMs, runForDuration } from '../measure.ts';
import { cpuMeasurements } from './cpu-measurement.ts';
import type { BenchSettings, BenchTarget, Measurement, Workload } from './types.ts';

const SOURCE = 'novamart.bench';
const DETAIL_TYPE = 'BenchPing';
/** How long the first event may take before the server is judged not to deliver at all. */
const FIRST_DELIVERY_TIMEOUT_MS = 10_000;
/** How long a measured event may take before it counts as lost. */
const DELIVERY_TIMEOUT_MS = 5_000;

export class DeliveryTimeoutError extends Error {
  constructor(seq: number, timeoutMs: number) {
    super(`event ${seq} did not reach the queue within ${timeoutMs} ms`);
    this.name = 'DeliveryTimeoutError';
  }
}

/** Long-polls the queue until stopped and settles the promise waiting for each event's sequence number. */
class DeliveryWatcher {
  private readonly waiting = new Map<number, () => void>();
  private readonly abort = new AbortController();
  private readonly deletes: Promise<unknown>[] = [];
  private loop: Promise<void> | undefined;

  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  start(): void {
    this.loop = this.receiveUntilStopped();
  }

  /** Settles when the event numbered `seq` arrives; handled even if the caller never awaits it. */
  delivered(seq: number, timeoutMs: number): Promise<void> {
    const arrival = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(seq);
        reject(new DeliveryTimeoutError(seq, timeoutMs));
      }, timeoutMs);
      this.waiting.set(seq, () => {
        this.waiting.delete(seq);
        clearTimeout(timer);
        resolve();
      });
    });
    arrival.catch(() => undefined);
    return arrival;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.allSettled(this.deletes);
  }

  private async receiveUntilStopped(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const received = await this.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 20,
          }),
          { abortSignal: this.abort.signal },
        );
        const messages = received.Messages ?? [];
        for (const message of messages) {
          const seq = (JSON.parse(message.Body ?? '{}') as { detail?: { seq?: number } }).detail
            ?.seq;
          if (seq !== undefined) this.waiting.get(seq)?.();
        }
        if (messages.length > 0) {
          const entries = messages.map((m, i) => ({
            Id: String(i),
            ReceiptHandle: m.ReceiptHandle,
          }));
          this.deletes.push(
            this.sqs
              .send(new DeleteMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }))
              .catch(() => undefined),
          );
        }
      } catch {
        // Aborted at stop, or a failed receive: the loop condition decides; a lost event times out.
        if (!this.abort.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

async function putEvent(events: EventBridgeClient, busName: string, seq: number): Promise<void> {
  const answer = await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: busName,
          Source: SOURCE,
          DetailType: DETAIL_TYPE,
          Detail: JSON.stringify({ seq }),
        },
      ],
    }),
  );
  if (answer.FailedEntryCount) {
    throw new Error(
      `PutEvents rejected the event: ${answer.Entries?.[0]?.ErrorCode} ${answer.Entries?.[0]?.ErrorMessage}`,
    );
  }
}

function unavailable(note: string): Measurement[] {
  return [
    { metric: 'PutEvents to SQS p50', unit: 'ms', better: 'lower', value: null, note },
    { metric: 'PutEvents to SQS p99', unit: 'ms', better: 'lower', value: null },
  ];
}

async function measure(
  target: BenchTarget,
  settings: BenchSettings,
  busName: string,
  queueUrl: string,
) {
  const { events, sqs } = target.clients;
  const watcher = new DeliveryWatcher(sqs, queueUrl);
  watcher.start();
  try {
    let seq = 0;
    const first = seq++;
    const probe = watcher.delivered(first, FIRST_DELIVERY_TIMEOUT_MS);
    await putEvent(events, busName, first);
    try {
      await probe;
    } catch {
      return unavailable(
        `${target.name} did not deliver the event to the SQS target within ${FIRST_DELIVERY_TIMEOUT_MS} ms`,
      );
    }
    const result = await runForDuration({ ...settings, concurrency: 1 }, async () => {
      const mine = seq++;
      const delivered = watcher.delivered(mine, DELIVERY_TIMEOUT_MS);
      await putEvent(events, busName, mine);
      await delivered;
    });
    const note = [`${result.completed} events`, describeErrors(result.errors)]
      .filter(Boolean)
      .join('; ');
    const measurements: Measurement[] = [
      {
        metric: 'PutEvents to SQS p50',
        unit: 'ms',
        better: 'lower',
        value: percentileMs(result.latencyMicros, 50),
        note,
      },
      {
        metric: 'PutEvents to SQS p99',
        unit: 'ms',
        better: 'lower',
        value: percentileMs(result.latencyMicros, 99),
      },
    ];
    measurements.push(...cpuMeasurements('event delivered', result));
    return result.completed > 0 ? measurements : unavailable(`no event delivered: ${note}`);
  } finally {
    await watcher.stop();
  }
}

export const eventsDelivery: Workload = {
  name: 'events',
  title: 'EventBridge PutEvents to an SQS target',
  async run(target, settings) {
    const { events, sqs } = target.clients;
    const busName = `bench-bus-${settings.runId}`;
    const ruleName = `bench-rule-${settings.runId}`;
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: `bench-ev-${settings.runId}` }),
    );
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(new CreateEventBusCommand({ Name: busName }));
    try {
      await events.send(
        new PutRuleCommand({
          Name: ruleName,
          EventBusName: busName,
          EventPattern: JSON.stringify({ source: [SOURCE], 'detail-type': [DETAIL_TYPE] }),
        }),
      );
      const targets = await events.send(
        new PutTargetsCommand({
          Rule: ruleName,
          EventBusName: busName,
          Targets: [{ Id: 'queue', Arn: attributes.Attributes?.QueueArn }],
        }),
      );
      if (targets.FailedEntryCount)
        return unavailable(`PutTargets failed: ${targets.FailedEntries?.[0]?.ErrorMessage}`);
      return await measure(target, settings, busName, QueueUrl!);
    } finally {
      await events
        .send(new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName, Ids: ['queue'] }))
        .catch(() => undefined);
      await events
        .send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName }))
        .catch(() => undefined);
      await events.send(new DeleteEventBusCommand({ Name: busName })).catch(() => undefined);
      await sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined);
    }
  },
};
