/**
 * The inventory worker on AWS: a Fargate service running `novamart worker` against the inventory
 * queue. Its image is built from src/worker/Dockerfile with the repository as context.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as events from 'aws-cdk-lib/aws-events';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { repositoryImage } from './repository-image.ts';
import { acknowledgeTaskFindings } from './web-services.ts';

export interface InventoryWorkerServiceProps {
  readonly cluster: ecs.ICluster;
  readonly queue: sqs.IQueue;
  readonly table: dynamodb.ITable;
  readonly bus: events.IEventBus;
  /** SQS pollers in the worker process (`WORKER_CONCURRENCY`). */
  readonly pollers: number;
}

export class InventoryWorkerService extends Construct {
  readonly service: ecs.FargateService;

  constructor(scope: Construct, id: string, props: InventoryWorkerServiceProps) {
    super(scope, id);
    const taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: 256,
      memoryLimitMiB: 512,
    });
    taskDefinition.addContainer('worker', {
      image: repositoryImage('src/worker/Dockerfile'),
      // ECS sends SIGTERM, then SIGKILL 30 s later (its default); the worker drains within that.
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'worker',
        logGroup: new logs.LogGroup(this, 'Logs', {
          retention: logs.RetentionDays.TWO_WEEKS,
          removalPolicy: RemovalPolicy.DESTROY,
        }),
      }),
      environment: {
        INVENTORY_QUEUE_URL: props.queue.queueUrl,
        INVENTORY_TABLE_NAME: props.table.tableName,
        EVENT_BUS_NAME: props.bus.eventBusName,
        WORKER_CONCURRENCY: String(props.pollers),
      },
    });
    props.queue.grantConsumeMessages(taskDefinition.taskRole);
    props.table.grantReadWriteData(taskDefinition.taskRole);
    props.bus.grantPutEventsTo(taskDefinition.taskRole);

    acknowledgeTaskFindings(taskDefinition);
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition,
      desiredCount: 1,
      // The replacement starts before the old task drains; two workers at once are safe (idempotent by orderId).
      minHealthyPercent: 100,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      circuitBreaker: { rollback: true },
    });
  }
}
