/**
 * The embedded target for a comparison: the running local cloud at `endpoint`, deployed to with
 * the embedded deployer. A flip is a deploy of the other mode with the same state directory and
 * service ports, so the services and PostgreSQL keep running across it.
 */
import type { RootProcess } from '../../loadtests/metrics/process-tree.ts';
import type { ResourceChange } from '../deploy/deployer.ts';
import type { Logger } from '../shared/logger.ts';
import { fetchProcessRoots } from './process-roots.ts';
import type { InventoryMode, ModeTarget } from './types.ts';

export interface EmbeddedTargetOptions {
  endpoint: string;
  logger: Logger;
  /** Deploy state, cdk.out, logs. @default `NOVAMART_STATE_DIR` or `.novamart/` */
  stateDir?: string;
  /** Balancer ports. @default catalog 8080, orders 8081 */
  servicePorts?: Record<string, number>;
  /** Deploy the inventory path only: no web services, no PostgreSQL. */
  inventoryOnly?: boolean;
  /** Extra CDK context (e.g. slowQueryMs). */
  context?: Record<string, unknown>;
  onChange?: (change: ResourceChange) => void;
  /** The processes to sample; @default the local cloud's `/_novamart/processes` */
  processRoots?: () => Promise<RootProcess[]>;
  /** Called after each deploy with the service URLs the deployer reported. */
  onDeployed?: (mode: InventoryMode, serviceUrls: Record<string, string>) => void;
}

export function embeddedTarget(options: EmbeddedTargetOptions): ModeTarget {
  return {
    name: 'embedded',
    endpoint: options.endpoint,
    async deploy(mode) {
      // Loaded here: the CDK app behind it takes seconds to import.
      const { deployEmbedded } = await import('../deploy/deploy-embedded.ts');
      const result = await deployEmbedded({
        endpoint: options.endpoint,
        mode,
        logger: options.logger,
        stateDir: options.stateDir,
        servicePorts: options.servicePorts,
        inventoryOnly: options.inventoryOnly,
        context: options.context,
        onChange: options.onChange,
      });
      options.onDeployed?.(mode, result.serviceUrls);
    },
    async metrics() {
      const load = options.processRoots ?? (() => fetchProcessRoots(options.endpoint));
      return { processRoots: await load() };
    },
    describeDeploy(mode) {
      return [
        `novamart local deploy --mode ${mode} --endpoint ${options.endpoint}` +
          (options.inventoryOnly ? ' --inventory-only' : '') +
          (options.stateDir ? ` --state-dir ${options.stateDir}` : ''),
      ];
    },
  };
}
