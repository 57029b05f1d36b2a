/**
 * The deploy state outlives the local cloud (state is on disk, the cloud's in memory): a resource
 * the state lists but the cloud no longer has must count as deleted, not stop the deploy.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import type { CloudAssembly } from '../../src/deploy/assembly.ts';
import type { ContainerHost } from '../../src/deploy/containers/container-host.ts';
import { deployAssembly, type ResourceChange } from '../../src/deploy/deployer.ts';
import { loadDeployState } from '../../src/deploy/state.ts';
import { silentLogger } from '../../src/shared/logger.ts';
import { useLocalCloud } from '../helpers/cloud.ts';

const fixture = useLocalCloud();

function assemblyWith(resources: Record<string, { Type: string; Properties: object }>) {
  return {
    dir: tmpdir(),
    stacks: [{ id: 'S', stackName: 'S', template: { Resources: resources }, dependencies: [] }],
  } as unknown as CloudAssembly;
}

const noContainers = new Proxy({} as ContainerHost, {
  get: () => () => {
    throw new Error('this test deploys no containers');
  },
});

describe('removing a resource the local cloud no longer has', () => {
  it('counts it as deleted and finishes the deploy', async () => {
    // Arrange: two queues deployed, then one of them lost (as after a local cloud restart).
    const clients = {
      dynamodb: new DynamoDBClient(fixture.clientConfig),
      sqs: new SQSClient(fixture.clientConfig),
      events: new EventBridgeClient(fixture.clientConfig),
      lambda: new LambdaClient(fixture.clientConfig),
    };
    const stateFile = join(mkdtempSync(join(tmpdir(), 'novamart-state-')), 'state.json');
    const deploy = async (assembly: CloudAssembly) => {
      const changes: ResourceChange[] = [];
      await deployAssembly({
        assembly,
        state: loadDeployState(stateFile, fixture.endpoint),
        stateFile,
        logger: silentLogger,
        context: {
          clients,
          region: 'us-east-1',
          accountId: '000000000000',
          endpoint: fixture.endpoint,
          logger: silentLogger,
          containers: noContainers,
          scale: {},
          servicePorts: {},
          projectRoot: process.cwd(),
        },
        onChange: (change) => changes.push(change),
      });
      return changes;
    };
    const kept = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'removal-kept' } };
    const lost = { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'removal-lost' } };
    await deploy(assemblyWith({ Kept: kept, Lost: lost }));
    const { QueueUrls } = await clients.sqs.send(new ListQueuesCommand({}));
    const lostUrl = QueueUrls?.find((url) => url.endsWith('/removal-lost'));
    await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: lostUrl }));

    // Act: a template without the lost queue.
    const changes = await deploy(assemblyWith({ Kept: kept }));

    // Assert: the lost queue is reported deleted and forgotten; the kept one is untouched.
    expect(changes.map((c) => [c.logicalId, c.change])).toEqual([
      ['Kept', 'unchanged'],
      ['Lost', 'deleted'],
    ]);
    expect(Object.keys(loadDeployState(stateFile, fixture.endpoint).stacks.S!.resources)).toEqual([
      'Kept',
    ]);
    for (const client of Object.values(clients)) client.destroy();
  });
});
