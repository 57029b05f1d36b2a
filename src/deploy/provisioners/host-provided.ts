/**
 * Resource types whose job the host already does on the embedded target: networking (one
 * machine, loopback), IAM (the local cloud accepts any credentials), log groups (logs are files),
 * permissions and queue policies, ECS clusters and task definitions (read by the ECS service
 * provisioner), load balancer parts (each service gets a local balancer) and parameter groups
 * (read by the database provisioner). They are recorded so references to them resolve.
 */
import { changeOf, type Provisioner } from './types.ts';

export const HOST_PROVIDED_TYPES = [
  'AWS::CDK::Metadata',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::Logs::LogGroup',
  'AWS::ECS::Cluster',
  'AWS::ECS::TaskDefinition',
  'AWS::RDS::DBSubnetGroup',
  'AWS::RDS::DBParameterGroup',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
];

/** Every AWS::EC2::* type: VPC, subnets, routes, gateways, security groups. */
const isNetworking = (type: string) => type.startsWith('AWS::EC2::');

export function isHostProvided(type: string): boolean {
  return HOST_PROVIDED_TYPES.includes(type) || isNetworking(type);
}

function syntheticArn(type: string, logicalId: string, region: string, accountId: string): string {
  const service = type.split('::')[1]!.toLowerCase();
  return `arn:aws:${service}:${region}:${accountId}:${logicalId}`;
}

export const hostProvided: Provisioner = {
  types: HOST_PROVIDED_TYPES,
  async apply({ logicalId, type, properties, previous }, ctx) {
    const arn = syntheticArn(type, logicalId, ctx.region, ctx.accountId);
    // Ref of a role or log group is its name; of a task definition, cluster or target group its ARN.
    const refIsName = type === 'AWS::IAM::Role' || type === 'AWS::Logs::LogGroup';
    const physicalId = refIsName
      ? ((properties.RoleName ?? properties.LogGroupName ?? logicalId) as string)
      : arn;
    return {
      change: changeOf(previous, properties),
      resource: { logicalId, type, physicalId, attributes: { Arn: arn }, properties },
    };
  },
};

export { isNetworking };
