/**
 * AWS::ECS::Service: its task's container runs as local Node processes (DesiredCount replicas,
 * or `--scale`), each on its own port, behind a round-robin balancer when the container maps a
 * port. The command is the image's Dockerfile CMD; the environment is the task definition's,
 * with secrets resolved and the local cloud as the AWS endpoint.
 */
import { dockerfileCommand } from '../containers/dockerfile-command.ts';
import { dockerfileForImage } from '../containers/image-assets.ts';
import { secretValue } from '../dynamic-references.ts';
import { changeOf, type DeployContext, type Provisioner } from './types.ts';

interface ContainerDefinition {
  Name: string;
  Image: string;
  Environment?: { Name: string; Value: string }[];
  Secrets?: { Name: string; ValueFrom: string }[];
  PortMappings?: { ContainerPort: number }[];
}

/** `arn:...:secret:name:jsonKey:versionStage:versionId`, as ECS reads a secret's key. */
function secretFromValueFrom(valueFrom: string, ctx: DeployContext): string {
  const secrets = ctx.deployed().filter((r) => r.type === 'AWS::SecretsManager::Secret');
  const match = /^(arn:aws:secretsmanager:[^:]+:[^:]+:secret:[^:]+)(?::([^:]*))?/.exec(valueFrom);
  if (!match) throw new Error(`secret reference ${valueFrom} is not a Secrets Manager ARN`);
  return secretValue(secrets, match[1]!, match[2] ?? '');
}

function localEnvironment(
  container: ContainerDefinition,
  ctx: DeployContext,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { Name, Value } of container.Environment ?? []) env[Name] = Value;
  for (const { Name, ValueFrom } of container.Secrets ?? [])
    env[Name] = secretFromValueFrom(ValueFrom, ctx);
  return {
    ...env,
    // Locally every replica listens on loopback; the host assigns PORT per replica.
    HOST: '127.0.0.1',
    AWS_ENDPOINT_URL: ctx.endpoint,
    AWS_REGION: ctx.region,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
  };
}

export const containerService: Provisioner = {
  types: ['AWS::ECS::Service'],
  async apply({ logicalId, properties, previous }, ctx) {
    const taskDefinition = ctx
      .deployed()
      .find(
        (r) => r.type === 'AWS::ECS::TaskDefinition' && r.physicalId === properties.TaskDefinition,
      );
    if (!taskDefinition)
      throw new Error(
        `${logicalId}: its task definition ${String(properties.TaskDefinition)} is not deployed`,
      );
    const containers = (taskDefinition.properties.ContainerDefinitions ??
      []) as ContainerDefinition[];
    if (containers.length !== 1) {
      throw new Error(
        `${logicalId}: ${containers.length} containers in one task; the embedded target runs exactly one`,
      );
    }
    const container = containers[0]!;
    const command = dockerfileCommand(dockerfileForImage(ctx.assemblyDir, container.Image));
    const replicas = ctx.scale[container.Name] ?? Number(properties.DesiredCount ?? 1);
    const running = await ctx.containers.runService({
      name: container.Name,
      command,
      env: localEnvironment(container, ctx),
      replicas,
      port: container.PortMappings?.length ? (ctx.servicePorts[container.Name] ?? 0) : undefined,
    });
    return {
      change: changeOf(previous, properties),
      resource: {
        logicalId,
        type: 'AWS::ECS::Service',
        physicalId: container.Name,
        attributes: {
          Name: container.Name,
          ServiceArn: `arn:aws:ecs:${ctx.region}:${ctx.accountId}:service/${container.Name}`,
          Url: running.url ?? '',
        },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.containers.stopService(resource.physicalId);
  },
};
