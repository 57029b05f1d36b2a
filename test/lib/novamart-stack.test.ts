import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { readAppSettings } from '../../lib/app-settings.ts';
import { buildNovaMartApp } from '../../lib/novamart-app.ts';
import { postgresSettings } from '../../lib/postgres-settings.ts';
import {
  EVENT_BUS_NAME,
  INVENTORY_FUNCTION_NAME,
  INVENTORY_QUEUE_NAME,
  INVENTORY_TABLE_NAME,
  MAX_RECEIVE_COUNT,
} from '../../src/shared/names.ts';

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
>;

/** Synthesizes the app with the given context into a fresh directory (cdk-nag runs as part of it). */
function synth(context: Record<string, string>) {
  const outdir = mkdtempSync(join(tmpdir(), 'novamart-cdk-'));
  const { stack } = buildNovaMartApp({ outdir, context });
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Resources, outdir };
}

const lambdaMode = synth({ inventoryMode: 'lambda' });
const workerMode = synth({ inventoryMode: 'worker' });

function orderPlacedRuleTargets(resources: Resources): Array<{ Arn: unknown }> {
  const rule = Object.values(resources).find(
    (r) => r.Type === 'AWS::Events::Rule' && r.Properties?.Name === 'novamart-order-placed',
  );
  return rule?.Properties?.Targets as Array<{ Arn: unknown }>;
}

describe('NovaMart CDK app', () => {
  it('holds the inventory table, the bus, both rules and the queues with DLQs in either mode', () => {
    for (const { template } of [lambdaMode, workerMode]) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        TableName: INVENTORY_TABLE_NAME,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
      template.hasResourceProperties('AWS::Events::EventBus', { Name: EVENT_BUS_NAME });
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['novamart.orders'], 'detail-type': ['order.placed'] },
      });
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: { source: ['novamart.inventory'], 'detail-type': [{ prefix: 'inventory.' }] },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: INVENTORY_QUEUE_NAME,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          maxReceiveCount: MAX_RECEIVE_COUNT,
          deadLetterTargetArn: Match.anyValue(),
        },
      });
      template.resourceCountIs('AWS::SQS::Queue', 4);
    }
  });

  it('sends order.placed to the Lambda in lambda mode and to the inventory queue in worker mode', () => {
    const [lambdaTarget] = orderPlacedRuleTargets(lambdaMode.resources);
    const [workerTarget] = orderPlacedRuleTargets(workerMode.resources);

    expect(JSON.stringify(lambdaTarget.Arn)).toContain('InventoryFunction');
    expect(JSON.stringify(workerTarget.Arn)).toContain('InventoryQueue');
    lambdaMode.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: INVENTORY_FUNCTION_NAME,
      Runtime: 'nodejs20.x',
      ReservedConcurrentExecutions: 20,
      Environment: {
        Variables: { INVENTORY_TABLE_NAME: Match.anyValue(), EVENT_BUS_NAME: Match.anyValue() },
      },
    });
    workerMode.template.resourceCountIs('AWS::Lambda::Function', 0);
    workerMode.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'worker',
          Environment: Match.arrayWith([{ Name: 'WORKER_CONCURRENCY', Value: '8' }]),
        }),
      ],
    });
  });

  it('changes only the rule target and the compute behind it when the mode flips', () => {
    const lambdaIds = new Set(Object.keys(lambdaMode.resources));
    const workerIds = new Set(Object.keys(workerMode.resources));
    const onlyLambda = [...lambdaIds].filter((id) => !workerIds.has(id));
    const onlyWorker = [...workerIds].filter((id) => !lambdaIds.has(id));
    const changed = [...lambdaIds]
      .filter((id) => workerIds.has(id))
      .filter(
        (id) =>
          JSON.stringify(lambdaMode.resources[id]) !== JSON.stringify(workerMode.resources[id]),
      );

    expect(
      onlyLambda.every(
        (id) => id.startsWith('InventoryFunction') || id.includes('InventoryFunction'),
      ),
    ).toBe(true);
    expect(onlyLambda.map((id) => lambdaMode.resources[id].Type).sort()).toEqual(
      [
        'AWS::IAM::Policy',
        'AWS::IAM::Role',
        'AWS::Lambda::EventSourceMapping',
        'AWS::Lambda::Function',
        'AWS::Lambda::Permission',
        'AWS::Logs::LogGroup',
      ].sort(),
    );
    expect(onlyWorker.every((id) => id.startsWith('InventoryWorker'))).toBe(true);
    expect(onlyWorker.map((id) => workerMode.resources[id].Type)).toContain('AWS::ECS::Service');
    // The rule's target, and the queue policy that lets EventBridge send to the queue in worker mode.
    expect(changed.sort()).toEqual(
      [
        Object.keys(lambdaMode.resources).find(
          (id) => id.startsWith('EventsOrderPlacedRule') && !id.includes('Allow'),
        ),
        Object.keys(lambdaMode.resources).find((id) => id.startsWith('InventoryQueuePolicy')),
      ].sort(),
    );
  });

  it('grants least privilege: table read/write, PutEvents on the bus only, no wildcard actions', () => {
    lambdaMode.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'events:PutEvents',
            Resource: Match.objectLike({ 'Fn::GetAtt': Match.anyValue() }),
          }),
        ]),
      },
    });
    for (const resource of Object.values(lambdaMode.resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      expect(JSON.stringify(resource.Properties)).not.toMatch(/"Action":"[a-z0-9]+:\*"/);
    }
  });

  it('describes RDS PostgreSQL with the shared slow-query settings (context slowQueryMs) and log export', () => {
    lambdaMode.template.resourceCountIs('AWS::RDS::DBInstance', 2);
    lambdaMode.template.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: {
        log_min_duration_statement: '200',
        shared_preload_libraries: 'pg_stat_statements',
        log_statement: 'none',
      },
    });
    lambdaMode.template.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'postgres',
      EnableCloudwatchLogsExports: ['postgresql'],
      StorageEncrypted: true,
    });
    expect(
      postgresSettings(
        readAppSettings((key) => (key === 'slowQueryMs' ? '750' : undefined)).slowQueryMs,
      ).log_min_duration_statement,
    ).toBe('750');
  });

  it('records container images as assets (staged in cdk.out) without building them', () => {
    for (const { outdir } of [lambdaMode, workerMode]) {
      const manifest = JSON.parse(readFileSync(join(outdir, 'NovaMart.assets.json'), 'utf8'));
      const images = Object.values(manifest.dockerImages) as Array<{
        source: { directory: string };
      }>;
      expect(images.length).toBeGreaterThan(0);
      for (const image of images)
        expect(existsSync(join(outdir, image.source.directory))).toBe(true);
    }
    workerMode.template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Name: 'worker',
          Image: Match.objectLike({ 'Fn::Sub': Match.stringLikeRegexp('container-assets') }),
        }),
      ],
    });
  });

  it('passes cdk-nag AwsSolutions, every accepted finding carrying its reason in the template', () => {
    for (const { stack, resources } of [lambdaMode, workerMode]) {
      const report = new AwsSolutionsChecks().validateScope(stack);

      expect(report.violations).toEqual([]);
      expect(report.success).toBe(true);
      const accepted = Object.values(resources).flatMap(
        (r) =>
          (
            r as {
              Metadata?: { cdk_nag?: { rules_to_suppress: Array<{ id: string; reason: string }> } };
            }
          ).Metadata?.cdk_nag?.rules_to_suppress ?? [],
      );
      expect(accepted.length).toBeGreaterThan(0);
      for (const rule of accepted) expect(rule.reason.length).toBeGreaterThan(20);
    }
  });

  it('leaves ECS, ELB, RDS and the VPC out of the localstack template, in both modes', () => {
    for (const inventoryMode of ['lambda', 'worker']) {
      const { resources } = synth({ target: 'localstack', inventoryMode });
      const types = new Set(Object.values(resources).map((r) => r.Type));
      expect(
        [...types].filter((t) => /^AWS::(ECS|RDS|ElasticLoadBalancingV2|EC2)::/.test(t)),
      ).toEqual([]);
      expect(types.has('AWS::DynamoDB::Table')).toBe(true);
    }
  });

  it('rejects an unknown inventory mode or target, naming the allowed values', () => {
    expect(() => buildNovaMartApp({ context: { inventoryMode: 'fargate' } })).toThrow(
      'Context "inventoryMode" must be one of lambda, worker, got "fargate"',
    );
    expect(() => buildNovaMartApp({ context: { target: 'gcp' } })).toThrow(
      'Context "target" must be one of aws, localstack, embedded, got "gcp"',
    );
  });
});
