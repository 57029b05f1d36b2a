/**
 * The inventory Lambda: lambdas/inventory/handler.ts bundled by the esbuild installed in
 * node_modules (never Docker), self-contained so the local cloud can run the bundle from cdk.out.
 */
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { INVENTORY_FUNCTION_NAME } from '../../src/shared/names.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Longest a reservation may take: one transaction and one PutEvents, with SDK retries. */
export const INVENTORY_FUNCTION_TIMEOUT = Duration.seconds(30);

export interface InventoryFunctionProps {
  readonly table: dynamodb.ITable;
  readonly bus: events.IEventBus;
  readonly reservedConcurrentExecutions: number;
}

export class InventoryFunction extends Construct {
  readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: InventoryFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${INVENTORY_FUNCTION_NAME}`,
      retention: logs.RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role rather than AWSLambdaBasicExecutionRole: it may write to its log group only.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      role,
      functionName: INVENTORY_FUNCTION_NAME,
      entry: `${projectRoot}lambdas/inventory/handler.ts`,
      handler: 'handler',
      projectRoot,
      depsLockFilePath: `${projectRoot}package-lock.json`,
      // Node 20 is the version the whole product targets (package.json engines, the local cloud).
      runtime: lambda.Runtime.NODEJS_20_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: INVENTORY_FUNCTION_TIMEOUT,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      environment: {
        INVENTORY_TABLE_NAME: props.table.tableName,
        EVENT_BUS_NAME: props.bus.eventBusName,
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node20',
        // Bundle the SDK too: the local cloud runs the bundle outside any node_modules.
        externalModules: [],
        minify: true,
        sourceMap: false,
        // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const node20 =
      'Node.js 20 is pinned on purpose: the product, its local cloud and its tests target Node 20.';
    Validations.of(this.function).acknowledge(
      { id: 'AwsSolutions-L1', reason: node20 },
      { id: 'CloudFormation-Validate::W2531', reason: node20 },
    );
    props.table.grantReadWriteData(this.function);
    props.bus.grantPutEventsTo(this.function);
  }
}
