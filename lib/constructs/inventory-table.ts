/** The inventory table: stock rows (`SKU#<sku>`) and per-order reservation rows (`RESERVATION#<orderId>`). */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INVENTORY_TABLE_NAME } from '../../src/shared/names.ts';

export class InventoryTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: INVENTORY_TABLE_NAME,
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Stock and reservations are business data: a stack deletion must not take them along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
