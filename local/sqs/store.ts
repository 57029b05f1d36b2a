/** Every queue of the local cloud, keyed by region, account and name. State lives in memory only. */
import type { Logger } from '../../src/shared/logger.ts';
import { Queue, type QueueKey } from './queue.ts';
import type { QueueSettings } from './queue-attributes.ts';
import { queueKeyFromArn } from './queue-url.ts';

function keyString(key: QueueKey): string {
  return `${key.region}/${key.accountId}/${key.name}`;
}

export class QueueStore {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly deps: { now(): number; logger: Logger }) {}

  get(key: QueueKey): Queue | undefined {
    return this.queues.get(keyString(key));
  }

  getByArn(arn: string): Queue | undefined {
    const key = queueKeyFromArn(arn);
    return key ? this.get(key) : undefined;
  }

  create(key: QueueKey, settings: QueueSettings): Queue {
    const queue = new Queue(key, settings, {
      now: this.deps.now,
      logger: this.deps.logger,
      queueByArn: (arn) => this.getByArn(arn),
    });
    this.queues.set(keyString(key), queue);
    return queue;
  }

  delete(queue: Queue): void {
    this.queues.delete(keyString(queue.key));
    queue.close();
  }

  /** Queues of one account and region, sorted by name so paging is stable. */
  list(region: string, accountId: string, namePrefix = ''): Queue[] {
    return [...this.queues.values()]
      .filter(
        (q) =>
          q.key.region === region && q.key.accountId === accountId && q.name.startsWith(namePrefix),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  closeAll(): void {
    for (const queue of this.queues.values()) queue.close();
    this.queues.clear();
  }
}
