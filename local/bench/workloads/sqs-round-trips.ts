/**
 * SQS round trips: send one message, receive it (short poll), delete it, again and again; once on
 * one worker, once on `concurrency` workers sharing one queue.
 */
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describeErrors, perSecond, runForDuration } from '../measure.ts';
import { cpuMeasurements } from './cpu-measurement.ts';
import type { BenchSettings, BenchTarget, Measurement, Workload } from './types.ts';

/**
 * A receive may come back empty on a shared queue for a moment (another worker holds the message
 * this worker sent, and the one it should get is still being written); the worker then asks again.
 * Bounded so a server that loses messages fails the round trip instead of spinning forever.
 */
const MAX_EMPTY_RECEIVES = 100;

async function roundTrip(
  sqs: SQSClient,
  queueUrl: string,
  waitTimeSeconds: number,
  counters: { empty: number },
) {
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'bench round trip' }));
  for (let attempt = 0; attempt < MAX_EMPTY_RECEIVES; attempt++) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: waitTimeSeconds,
      }),
    );
    const message = received.Messages?.[0];
    if (message) {
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
      return;
    }
    counters.empty++;
  }
  throw new Error(`no message received after ${MAX_EMPTY_RECEIVES} receives`);
}

async function measure(
  target: BenchTarget,
  settings: BenchSettings,
  concurrency: number,
): Promise<Measurement[]> {
  const { sqs } = target.clients;
  const name = `bench-rt-${concurrency}-${settings.runId}`;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const counters = { empty: 0 };
  // One worker always finds its own message there, so it needs no wait; many workers may briefly
  // find none, and a short long-poll is cheaper than hammering empty receives.
  const waitTimeSeconds = concurrency === 1 ? 0 : 1;
  try {
    const result = await runForDuration(
      { ...settings, concurrency },
      () => roundTrip(sqs, QueueUrl!, waitTimeSeconds, counters),
      () => {
        counters.empty = 0;
      },
    );
    const notes = [
      describeErrors(result.errors),
      counters.empty ? `${counters.empty} empty receives` : undefined,
    ];
    const variant = concurrency === 1 ? 'sequential' : `${concurrency}-way`;
    return [
      {
        metric: `round trips/s, ${variant}`,
        unit: 'ops/s',
        better: 'higher',
        value: perSecond(result),
        note: notes.filter(Boolean).join('; ') || undefined,
      },
      ...cpuMeasurements(`round trip, ${variant}`, result),
    ];
  } finally {
    await sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined);
  }
}

export const sqsRoundTrips: Workload = {
  name: 'sqs',
  title: 'SQS send + receive + delete',
  async run(target, settings) {
    return [
      ...(await measure(target, settings, 1)),
      ...(await measure(target, settings, settings.concurrency)),
    ];
  },
};
