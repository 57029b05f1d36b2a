/**
 * The catalog and order services: Fargate tasks behind one internet-facing ALB, routed by path
 * (`/products*` to catalog, `/orders*` to orders). Images are built from services/<name>/Dockerfile
 * with the repository root as context (repository-image.ts).
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { repositoryImage } from './repository-image.ts';

/** The port both service containers listen on (given to them as PORT). */
export const SERVICE_CONTAINER_PORT = 3000;

/** Findings every Fargate task here shares, accepted for the reasons given. */
export function acknowledgeTaskFindings(taskDefinition: ecs.TaskDefinition): void {
  Validations.of(taskDefinition).acknowledge(
    {
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds only names and endpoints (table, bus, queue URL, port); the credentials come from Secrets Manager.',
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The execution role needs ecr:GetAuthorizationToken, which only accepts Resource "*".',
    },
  );
}

export interface WebServiceSpec {
  /** `catalog` or `orders`: the folder under services/ and the container name. */
  readonly name: string;
  readonly pathPatterns: string[];
  readonly priority: number;
  readonly database: rds.DatabaseInstance;
  readonly environment?: Record<string, string>;
}

export interface WebServicesProps {
  readonly cluster: ecs.ICluster;
  readonly services: WebServiceSpec[];
}

export class WebServices extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly services: Record<string, ecs.FargateService> = {};

  constructor(scope: Construct, id: string, props: WebServicesProps) {
    super(scope, id);
    const vpc = props.cluster.vpc;
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
    });
    Validations.of(this.loadBalancer).acknowledge(
      {
        id: 'AwsSolutions-ELB2',
        reason:
          "Access logs need an S3 bucket and its own policies; request logs are in the services' own log groups.",
      },
      {
        id: 'AwsSolutions-EC23',
        reason:
          'The ALB is the public entry of the storefront API: port 80 from anywhere is its purpose.',
      },
    );
    const listener = this.loadBalancer.addListener('Http', {
      port: 80,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, {
        contentType: 'application/json',
        messageBody: '{"message":"Not Found"}',
      }),
    });

    for (const spec of props.services) {
      const service = this.addService(props.cluster, spec);
      listener.addTargets(spec.name, {
        port: SERVICE_CONTAINER_PORT,
        protocol: elbv2.ApplicationProtocol.HTTP,
        priority: spec.priority,
        conditions: [elbv2.ListenerCondition.pathPatterns(spec.pathPatterns)],
        targets: [service],
        healthCheck: { path: '/health', interval: Duration.seconds(15) },
      });
      spec.database.connections.allowDefaultPortFrom(service);
      this.services[spec.name] = service;
    }
  }

  private addService(cluster: ecs.ICluster, spec: WebServiceSpec): ecs.FargateService {
    const taskDefinition = new ecs.FargateTaskDefinition(this, `${spec.name}Task`, {
      cpu: 256,
      memoryLimitMiB: 512,
    });
    const secret = spec.database.secret!;
    taskDefinition.addContainer(spec.name, {
      image: repositoryImage(`services/${spec.name}/Dockerfile`),
      portMappings: [{ containerPort: SERVICE_CONTAINER_PORT }],
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: spec.name,
        logGroup: new logs.LogGroup(this, `${spec.name}Logs`, {
          retention: logs.RetentionDays.TWO_WEEKS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
      // libpq's own variable names: `pg` reads them with no code in the service.
      environment: {
        PORT: String(SERVICE_CONTAINER_PORT),
        HOST: '0.0.0.0',
        PGHOST: spec.database.dbInstanceEndpointAddress,
        PGPORT: spec.database.dbInstanceEndpointPort,
        ...spec.environment,
      },
      secrets: {
        PGDATABASE: ecs.Secret.fromSecretsManager(secret, 'dbname'),
        PGUSER: ecs.Secret.fromSecretsManager(secret, 'username'),
        PGPASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'),
      },
    });
    acknowledgeTaskFindings(taskDefinition);
    return new ecs.FargateService(this, `${spec.name}Service`, {
      cluster,
      taskDefinition,
      desiredCount: 2,
      // Keep full capacity during deployments: new tasks start before old ones stop.
      minHealthyPercent: 100,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
    });
  }
}
