/**
 * One PostgreSQL database on RDS for one service. Server settings come from postgresSettings(),
 * the same values the embedded PostgreSQL and the compose containers use.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export const POSTGRES_ENGINE = rds.DatabaseInstanceEngine.postgres({
  version: rds.PostgresEngineVersion.VER_16,
});

export interface ServiceDatabaseProps {
  readonly vpc: ec2.IVpc;
  readonly databaseName: string;
  readonly parameterGroup: rds.IParameterGroup;
}

export class ServiceDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;

  constructor(scope: Construct, id: string, props: ServiceDatabaseProps) {
    super(scope, id);
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine: POSTGRES_ENGINE,
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      databaseName: props.databaseName,
      credentials: rds.Credentials.fromGeneratedSecret('novamart'),
      parameterGroup: props.parameterGroup,
      // The slow-query command reads these from CloudWatch Logs.
      cloudwatchLogsExports: ['postgresql'],
      storageEncrypted: true,
      multiAz: true,
      iamAuthentication: true,
      deletionProtection: true,
      backupRetention: Duration.days(7),
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
    Validations.of(this.instance).acknowledge(
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotation needs a rotation Lambda the services cannot follow yet: they read the password once at start.',
      },
      {
        id: 'AwsSolutions-RDS11',
        reason:
          'The instance sits in private subnets and its security group admits only its service; a moved port adds nothing.',
      },
    );
  }
}
