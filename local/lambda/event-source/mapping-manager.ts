/**
 * The event source mappings and their pollers. A mapping's poller runs while the mapping is
 * enabled; any change restarts it with the new settings.
 */
import { randomUUID } from 'node:crypto';
import type { CloudContext } from '../../context.ts';
import { resourceNotFound } from '../errors.ts';
import type { FunctionRegistry } from '../function-registry.ts';
import type { FunctionLogStore } from '../log-store.ts';
import { runInvocation } from '../run-invocation.ts';
import type { EventSourceMapping, MappingState } from './event-source-mapping.ts';
import { SqsPoller } from './sqs-poller.ts';

export interface MappingManagerOptions {
  /** Long-poll wait of each receive. @default 5 */
  pollWaitSeconds: number;
  /** Pause after a failed receive (queue deleted, SQS down). @default 1000 */
  errorBackoffMs: number;
}

export type NewMapping = Omit<
  EventSourceMapping,
  'uuid' | 'state' | 'stateTransitionReason' | 'lastModifiedMs'
>;

export class MappingManager {
  private readonly mappings = new Map<string, EventSourceMapping>();
  private readonly pollers = new Map<string, SqsPoller>();

  constructor(
    private readonly ctx: CloudContext,
    private readonly registry: FunctionRegistry,
    private readonly logs: FunctionLogStore,
    private readonly options: MappingManagerOptions,
  ) {}

  get(uuid: string): EventSourceMapping {
    const mapping = this.mappings.get(uuid);
    if (!mapping) throw resourceNotFound('The resource you requested does not exist.');
    return mapping;
  }

  list(): EventSourceMapping[] {
    return [...this.mappings.values()];
  }

  /** Creates the mapping; the returned snapshot says `Creating`, the mapping itself is already live. */
  create(settings: NewMapping): EventSourceMapping {
    const mapping: EventSourceMapping = {
      ...settings,
      uuid: randomUUID(),
      state: 'Creating',
      stateTransitionReason: 'USER_INITIATED',
      lastModifiedMs: this.ctx.now(),
    };
    this.mappings.set(mapping.uuid, mapping);
    return this.settle(mapping, 'Creating');
  }

  async update(uuid: string, changes: Partial<NewMapping>): Promise<EventSourceMapping> {
    const mapping = this.get(uuid);
    await this.stopPoller(uuid);
    Object.assign(mapping, changes, { lastModifiedMs: this.ctx.now() });
    return this.settle(mapping, 'Updating');
  }

  async remove(uuid: string): Promise<EventSourceMapping> {
    const mapping = this.get(uuid);
    await this.stopPoller(uuid);
    this.mappings.delete(uuid);
    return { ...mapping, state: 'Deleting' };
  }

  async removeForFunction(functionName: string): Promise<void> {
    for (const mapping of this.list()) {
      if (mapping.functionName === functionName) await this.remove(mapping.uuid);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.pollers.keys()].map((uuid) => this.stopPoller(uuid)));
  }

  private settle(mapping: EventSourceMapping, transition: MappingState): EventSourceMapping {
    const snapshot = { ...mapping, state: transition };
    mapping.state = mapping.enabled ? 'Enabled' : 'Disabled';
    if (mapping.enabled) this.startPoller(mapping);
    return snapshot;
  }

  private startPoller(mapping: EventSourceMapping): void {
    const sqs = this.ctx.sqs;
    if (!sqs) return;
    const poller = new SqsPoller({
      mapping,
      region: this.ctx.region,
      sqs,
      logger: this.ctx.logger,
      pollWaitSeconds: this.options.pollWaitSeconds,
      errorBackoffMs: this.options.errorBackoffMs,
      invoke: async (eventJson) => {
        const fn = this.registry.get(mapping.functionName);
        const proc = await fn.pool.acquire();
        return runInvocation(fn, proc, eventJson, this.logs);
      },
      maxBatchesInFlight: () => {
        const fn = this.registry.find(mapping.functionName);
        const cap = fn ? this.registry.capacityOf(fn) : 1;
        return Math.min(cap, mapping.maximumConcurrency ?? cap);
      },
    });
    this.pollers.set(mapping.uuid, poller);
    poller.start();
  }

  private async stopPoller(uuid: string): Promise<void> {
    const poller = this.pollers.get(uuid);
    this.pollers.delete(uuid);
    await poller?.stop();
  }
}
