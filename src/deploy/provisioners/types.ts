/** What each resource provisioner of the embedded deployer implements. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../../shared/logger.ts';
import type { ContainerHost } from '../containers/container-host.ts';

export interface DeployClients {
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
  events: EventBridgeClient;
  lambda: LambdaClient;
}

export interface DeployContext {
  clients: DeployClients;
  region: string;
  accountId: string;
  stackName: string;
  /** The cloud assembly directory, where Lambda assets live. */
  assemblyDir: string;
  endpoint: string;
  logger: Logger;
  containers: ContainerHost;
  /** Everything deployed so far in this stack (the database reads its parameter group here). */
  deployed(): DeployedResource[];
  /** Replica counts that override the template's DesiredCount, by container name. */
  scale: Record<string, number>;
  /** Balancer ports by container name (catalog 8080, orders 8081 unless told otherwise). */
  servicePorts: Record<string, number>;
  /** The repository root: container commands run from here. */
  projectRoot: string;
}

/** What the deployer remembers of a resource, to resolve references to it and to update it. */
export interface DeployedResource {
  logicalId: string;
  type: string;
  physicalId: string;
  attributes: Record<string, string>;
  /** The resolved properties it was last applied with; an update compares against them. */
  properties: Record<string, unknown>;
}

export type Change = 'created' | 'updated' | 'unchanged' | 'deleted';

export interface ApplyResult {
  resource: DeployedResource;
  change: Change;
}

export interface ResourceRequest {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** The raw template resource, for its metadata (asset paths). */
  metadata: Record<string, unknown>;
  previous?: DeployedResource;
}

export interface Provisioner {
  /** CloudFormation types it serves, e.g. `AWS::SQS::Queue`. */
  types: string[];
  apply(request: ResourceRequest, ctx: DeployContext): Promise<ApplyResult>;
  /** Removes a resource no longer in the template. */
  remove?(resource: DeployedResource, ctx: DeployContext): Promise<void>;
}

/**
 * How an apply changed a resource: `created` when it did not exist before (by the deploy state,
 * or as the provisioner found it), else `updated` when its resolved properties differ from the
 * ones it was last applied with.
 */
export function changeOf(
  previous: DeployedResource | undefined,
  properties: Record<string, unknown>,
  existedBefore: boolean = previous !== undefined,
): Change {
  if (!existedBefore) return 'created';
  const same = previous && JSON.stringify(previous.properties) === JSON.stringify(properties);
  return same ? 'unchanged' : 'updated';
}
