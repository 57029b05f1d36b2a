/**
 * `novamart local deploy`: synthesize, provision into the running local cloud, seed stock.
 * Used by the CLI, the demo and the tests.
 */
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../shared/logger.ts';
import { defaultStateDir, PROJECT_ROOT } from '../shared/state-dir.ts';
import { readCloudAssembly } from './assembly.ts';
import { containerHostClient } from './containers/container-host.ts';
import { inventoryOnlyHost } from './containers/inventory-only-host.ts';
import { deployAssembly, type ResourceChange } from './deployer.ts';
import { type SeedResult, seedStock } from './seed-stock.ts';
import { loadDeployState } from './state.ts';
import { type InventoryMode, synthesize } from './synthesize.ts';

/** Where the seed's load tests expect the services (catalog-lb:8080, order-lb:8081). */
export const DEFAULT_SERVICE_PORTS: Record<string, number> = { catalog: 8080, orders: 8081 };

export interface EmbeddedDeployOptions {
  endpoint: string;
  mode: InventoryMode;
  logger: Logger;
  projectRoot?: string;
  /** Deploy state and synthesized assemblies. @default `NOVAMART_STATE_DIR` or `.novamart/` */
  stateDir?: string;
  scale?: Record<string, number>;
  servicePorts?: Record<string, number>;
  /** Extra CDK context (e.g. slowQueryMs). */
  context?: Record<string, unknown>;
  seed?: boolean;
  /** Run only the inventory path: no web services, no PostgreSQL (the worker still runs). */
  inventoryOnly?: boolean;
  stockPerSku?: number;
  onChange?: (change: ResourceChange) => void;
}

export interface EmbeddedDeployResult {
  assemblyDir: string;
  changes: ResourceChange[];
  seeded?: SeedResult;
  serviceUrls: Record<string, string>;
}

export async function deployEmbedded(
  options: EmbeddedDeployOptions,
): Promise<EmbeddedDeployResult> {
  const projectRoot = resolve(options.projectRoot ?? PROJECT_ROOT);
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  const region = 'us-east-1';
  const clientConfig = {
    endpoint: options.endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const clients = {
    dynamodb: new DynamoDBClient(clientConfig),
    sqs: new SQSClient(clientConfig),
    events: new EventBridgeClient(clientConfig),
    lambda: new LambdaClient(clientConfig),
  };
  try {
    const assemblyDir = synthesize({
      mode: options.mode,
      target: 'embedded',
      context: options.context,
      outdir: resolve(stateDir, 'cdk.out', `embedded-${options.mode}`),
    });
    const assembly = readCloudAssembly(assemblyDir);
    const stateFile = resolve(stateDir, 'deploy-state.json');
    const state = loadDeployState(stateFile, options.endpoint);
    const changes: ResourceChange[] = [];
    await deployAssembly({
      assembly,
      state,
      stateFile,
      logger: options.logger,
      context: {
        clients,
        region,
        accountId: '000000000000',
        endpoint: options.endpoint,
        logger: options.logger,
        containers: options.inventoryOnly
          ? inventoryOnlyHost(containerHostClient(options.endpoint))
          : containerHostClient(options.endpoint),
        scale: options.scale ?? {},
        servicePorts: { ...DEFAULT_SERVICE_PORTS, ...options.servicePorts },
        projectRoot,
      },
      onChange: (change) => {
        changes.push(change);
        options.onChange?.(change);
      },
    });
    const seeded =
      options.seed === false
        ? undefined
        : await seedStock(clients.dynamodb, { stockPerSku: options.stockPerSku });
    const serviceUrls: Record<string, string> = {};
    for (const stack of Object.values(state.stacks)) {
      for (const resource of Object.values(stack.resources)) {
        if (resource.type === 'AWS::ECS::Service' && resource.attributes.Url)
          serviceUrls[resource.physicalId] = resource.attributes.Url;
      }
    }
    return { assemblyDir, changes, seeded, serviceUrls };
  } finally {
    for (const client of Object.values(clients)) client.destroy();
  }
}
