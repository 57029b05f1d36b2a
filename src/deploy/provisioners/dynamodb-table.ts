/** AWS::DynamoDB::Table: created once; later deploys keep it (and its data) as it is. */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type KeySchemaElement,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { Provisioner } from './types.ts';

interface TableProperties {
  TableName?: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  BillingMode?: string;
  GlobalSecondaryIndexes?: unknown[];
  ProvisionedThroughput?: { ReadCapacityUnits: number; WriteCapacityUnits: number };
}

export const dynamodbTable: Provisioner = {
  types: ['AWS::DynamoDB::Table'],
  async apply({ logicalId, properties }, ctx) {
    const props = properties as unknown as TableProperties;
    const tableName = props.TableName ?? logicalId;
    let change: 'created' | 'unchanged' = 'unchanged';
    let arn: string;
    try {
      const found = await ctx.clients.dynamodb.send(
        new DescribeTableCommand({ TableName: tableName }),
      );
      arn = found.Table!.TableArn!;
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
      const created = await ctx.clients.dynamodb.send(
        new CreateTableCommand({
          TableName: tableName,
          KeySchema: props.KeySchema,
          AttributeDefinitions: props.AttributeDefinitions,
          BillingMode: props.BillingMode === 'PROVISIONED' ? 'PROVISIONED' : 'PAY_PER_REQUEST',
          ProvisionedThroughput:
            props.BillingMode === 'PROVISIONED' ? props.ProvisionedThroughput : undefined,
          GlobalSecondaryIndexes: props.GlobalSecondaryIndexes as never,
        }),
      );
      arn = created.TableDescription!.TableArn!;
      change = 'created';
    }
    return {
      change,
      resource: {
        logicalId,
        type: 'AWS::DynamoDB::Table',
        physicalId: tableName,
        attributes: { Arn: arn },
        properties,
      },
    };
  },
  async remove(resource, ctx) {
    await ctx.clients.dynamodb.send(new DeleteTableCommand({ TableName: resource.physicalId }));
  },
};
