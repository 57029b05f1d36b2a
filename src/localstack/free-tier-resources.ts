/**
 * CloudFormation resource types the `target=localstack` template may contain: the ones whose
 * service LocalStack serves without a paid plan, for the services docker-compose.localstack.yml
 * enables (SERVICES=...).
 *
 * Where it comes from: LocalStack's documentation, the feature-coverage pages per service
 * (docs.localstack.cloud, "AWS Services" and "Coverage"), which mark DynamoDB, SQS, EventBridge,
 * Lambda, IAM, CloudWatch Logs, CloudFormation, S3, SSM and STS as available in the free tier and
 * ECS, ELBv2 (ALB), RDS and EC2 VPC networking as paid features. The list is read by hand, not
 * fetched: check it again when the pinned LocalStack image changes (docs/localstack.md).
 * Each type here was also checked to be one the stack actually emits, so the list stays short.
 */
export const LOCALSTACK_FREE_TIER_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  // DynamoDB: the inventory table.
  'AWS::DynamoDB::Table',
  // SQS: inventory and order-events queues, their DLQs, and the policy EventBridge sends with.
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
  // EventBridge: the bus and its rules.
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  // Lambda (lambda mode): the function, the rule's invoke permission, the queue mapping.
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  // IAM: the function's role and its least-privilege policy.
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  // CloudWatch Logs: the function's log group.
  'AWS::Logs::LogGroup',
  // The CDK CLI adds this version-reporting record to every stack; CloudFormation creates nothing.
  'AWS::CDK::Metadata',
]);

/** Types the `aws` target uses that LocalStack's free tier does not serve: compose runs them. */
export const LOCALSTACK_PAID_TIER_EXAMPLES = Object.freeze([
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::RDS::DBInstance',
  'AWS::EC2::VPC',
]);

/** The resource types of `template` that are not in the allowed list, sorted. */
export function unservedResourceTypes(
  template: { Resources?: Record<string, { Type: string }> },
  allowed: ReadonlySet<string> = LOCALSTACK_FREE_TIER_RESOURCE_TYPES,
): string[] {
  const types = new Set(Object.values(template.Resources ?? {}).map((r) => r.Type));
  return [...types].filter((type) => !allowed.has(type)).sort();
}
