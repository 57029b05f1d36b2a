/**
 * `novamart worker`: drains the inventory queue until SIGTERM or SIGINT, then finishes the work it
 * already received and exits 0.
 */
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type Command, InvalidArgumentError } from 'commander';
import { createInventoryReserver } from '../../inventory/index.ts';
import { createLogger } from '../../shared/logger.ts';
import { INVENTORY_QUEUE_NAME } from '../../shared/names.ts';
import { InventoryWorker } from '../../worker/inventory-worker.ts';
import { CliError } from '../errors.ts';
import { parsePositiveInt } from '../options.ts';

function wholeNumberFrom(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, got "${value}"`,
      );
    }
    return n;
  };
}

interface WorkerOptions {
  queueUrl?: string;
  endpoint?: string;
  concurrency?: number;
  batchSize: number;
  waitTimeSeconds: number;
}

async function resolveQueueUrl(sqs: SQSClient, given: string | undefined): Promise<string> {
  if (given) return given;
  try {
    const { QueueUrl } = await sqs.send(
      new GetQueueUrlCommand({ QueueName: INVENTORY_QUEUE_NAME }),
    );
    return QueueUrl!;
  } catch (err) {
    throw new CliError(
      `Could not find queue ${INVENTORY_QUEUE_NAME}: ${(err as Error).message}. ` +
        'Deploy in worker mode first (novamart local deploy --mode worker), or pass --queue-url and --endpoint.',
    );
  }
}

/** `WORKER_CONCURRENCY` as the task definition sets it; unset means one poller. */
function concurrencyFromEnvironment(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  try {
    return parsePositiveInt(value);
  } catch (err) {
    throw new CliError(`WORKER_CONCURRENCY: ${(err as Error).message}`, 2);
  }
}

export function registerWorker(parent: Command): void {
  parent
    .command('worker')
    .description(
      'Reserve inventory for order.placed messages from the inventory queue (worker mode).',
    )
    .option(
      '--queue-url <url>',
      `queue to drain (default: $INVENTORY_QUEUE_URL, else the URL of ${INVENTORY_QUEUE_NAME})`,
      process.env.INVENTORY_QUEUE_URL,
    )
    .option(
      '--endpoint <url>',
      'AWS endpoint, e.g. the local cloud (default: $AWS_ENDPOINT_URL, else AWS)',
    )
    .option(
      '--concurrency <n>',
      'pollers side by side, each with a batch in flight (default: $WORKER_CONCURRENCY, else 1)',
      parsePositiveInt,
    )
    .option('--batch-size <n>', 'messages per receive, 1 to 10', wholeNumberFrom(1, 10), 10)
    .option(
      '--wait-time-seconds <n>',
      'long-poll wait, 1 to 20; a stop may wait this long',
      wholeNumberFrom(1, 20),
      10,
    )
    .action(async (opts: WorkerOptions) => {
      opts.concurrency ??= concurrencyFromEnvironment(process.env.WORKER_CONCURRENCY);
      const logger = createLogger('inventory-worker');
      const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
      const sqs = new SQSClient({ region, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) });
      const queueUrl = await resolveQueueUrl(sqs, opts.queueUrl);
      const worker = new InventoryWorker({
        queueUrl,
        sqs,
        reserver: createInventoryReserver({ endpoint: opts.endpoint, logger }),
        logger,
        concurrency: opts.concurrency,
        batchSize: opts.batchSize,
        waitTimeSeconds: opts.waitTimeSeconds,
      });

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping: no new receives, finishing in-flight messages');
        await worker.stop();
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGINT', () => void stop('SIGINT'));
      worker.start();
      logger.info({ queueUrl, concurrency: opts.concurrency }, 'worker polling');
    });
}
