/**
 * NovaMart's order-to-stock slice in one stack, so every deployer (cdk, cdklocal, the embedded
 * one) reads a single template with no cross-stack exports to resolve.
 *
 * What the flags change:
 * - `inventoryMode` changes only the target of the `order.placed` rule and the compute behind
 *   it: the inventory Lambda (lambda) or the Fargate worker (worker). The inventory queue and its
 *   DLQ exist in both modes so flipping never deletes queued messages; in lambda mode the Lambda
 *   also drains that queue through an event source mapping, so anything queued under worker mode
 *   is still handled.
 * - `target=localstack` leaves out the VPC, the ECS services, the ALB and the RDS databases: the
 *   LocalStack free tier serves none of them, so they run as compose services there (with the
 *   same postgresSettings). `aws` and `embedded` get the same template: the embedded deployer
 *   runs the containers and databases the template describes as local processes.
 */
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import {
  EVENT_BUS_NAME,
  INVENTORY_DLQ_NAME,
  INVENTORY_QUEUE_NAME,
  ORDER_EVENTS_DLQ_NAME,
  ORDER_EVENTS_QUEUE_NAME,
} from '../src/shared/names.ts';
import type { AppSettings } from './app-settings.ts';
import { DurableQueue } from './constructs/durable-queue.ts';
import { EventRouting } from './constructs/event-routing.ts';
import { INVENTORY_FUNCTION_TIMEOUT, InventoryFunction } from './constructs/inventory-function.ts';
import { InventoryTable } from './constructs/inventory-table.ts';
import { InventoryWorkerService } from './constructs/inventory-worker-service.ts';
import { Network } from './constructs/network.ts';
import { POSTGRES_ENGINE, ServiceDatabase } from './constructs/service-database.ts';
import { WebServices } from './constructs/web-services.ts';
import { postgresSettings } from './postgres-settings.ts';

export interface NovaMartStackProps extends StackProps {
  readonly settings: AppSettings;
}

export class NovaMartStack extends Stack {
  constructor(scope: Construct, id: string, props: NovaMartStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const inventory = new InventoryTable(this, 'Inventory');
    const orderEvents = new DurableQueue(this, 'OrderEvents', {
      queueName: ORDER_EVENTS_QUEUE_NAME,
      deadLetterQueueName: ORDER_EVENTS_DLQ_NAME,
      visibilityTimeout: Duration.seconds(30),
    });
    const inventoryQueue = new DurableQueue(this, 'InventoryQueue', {
      queueName: INVENTORY_QUEUE_NAME,
      deadLetterQueueName: INVENTORY_DLQ_NAME,
      // Lambda requires at least the function timeout on a queue it is mapped to.
      visibilityTimeout: Duration.seconds(INVENTORY_FUNCTION_TIMEOUT.toSeconds() * 2),
    });
    const routing = new EventRouting(this, 'Events', { orderEventsQueue: orderEvents.queue });

    const network = settings.target === 'localstack' ? undefined : new Network(this, 'Network');

    if (settings.inventoryMode === 'lambda') {
      const inventoryFunction = new InventoryFunction(this, 'InventoryFunction', {
        table: inventory.table,
        bus: routing.bus,
        reservedConcurrentExecutions: settings.inventoryConcurrency,
      });
      routing.orderPlacedRule.addTarget(new targets.LambdaFunction(inventoryFunction.function));
      inventoryFunction.function.addEventSource(
        new SqsEventSource(inventoryQueue.queue, { batchSize: 10, reportBatchItemFailures: true }),
      );
    } else {
      routing.orderPlacedRule.addTarget(new targets.SqsQueue(inventoryQueue.queue));
      if (network) {
        new InventoryWorkerService(this, 'InventoryWorker', {
          cluster: network.cluster,
          queue: inventoryQueue.queue,
          table: inventory.table,
          bus: routing.bus,
          pollers: settings.workerPollers,
        });
      }
    }

    if (network) this.addWebServices(network, props, orderEvents.queue, routing.bus);
  }

  private addWebServices(
    network: Network,
    { settings }: NovaMartStackProps,
    orderEventsQueue: DurableQueue['queue'],
    bus: EventRouting['bus'],
  ): void {
    const parameterGroup = new rds.ParameterGroup(this, 'PostgresParameters', {
      engine: POSTGRES_ENGINE,
      description: 'NovaMart PostgreSQL: slow-query log and pg_stat_statements',
      parameters: postgresSettings(settings.slowQueryMs),
    });
    const catalogDb = new ServiceDatabase(this, 'CatalogDatabase', {
      vpc: network.vpc,
      databaseName: 'catalog',
      parameterGroup,
    });
    const ordersDb = new ServiceDatabase(this, 'OrdersDatabase', {
      vpc: network.vpc,
      databaseName: 'orders',
      parameterGroup,
    });
    const web = new WebServices(this, 'Web', {
      cluster: network.cluster,
      services: [
        {
          name: 'catalog',
          pathPatterns: ['/products', '/products/*'],
          priority: 10,
          database: catalogDb.instance,
        },
        {
          name: 'orders',
          pathPatterns: ['/orders', '/orders/*'],
          priority: 20,
          database: ordersDb.instance,
          environment: { EVENT_BUS_NAME, ORDER_EVENTS_QUEUE_URL: orderEventsQueue.queueUrl },
        },
      ],
    });
    const orders = web.services.orders.taskDefinition.taskRole;
    bus.grantPutEventsTo(orders);
    orderEventsQueue.grantConsumeMessages(orders);
  }
}
