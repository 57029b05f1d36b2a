import { describe, expect, it } from 'vitest';
import { deployOrder } from '../../src/deploy/dependencies.ts';
import { resolveDynamicReferences } from '../../src/deploy/dynamic-references.ts';
import { type ResolveScope, resolveValue, UnresolvableError } from '../../src/deploy/intrinsics.ts';
import type { DeployedResource } from '../../src/deploy/provisioners/types.ts';

const deployed: Record<string, { physicalId: string; attributes: Record<string, string> }> = {
  Queue: {
    physicalId: 'http://127.0.0.1:4566/000000000000/q',
    attributes: { Arn: 'arn:aws:sqs:us-east-1:000000000000:q' },
  },
  Table: {
    physicalId: 'novamart-inventory',
    attributes: { Arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/novamart-inventory' },
  },
};

const scope: ResolveScope = {
  region: 'us-east-1',
  accountId: '000000000000',
  stackName: 'NovaMart',
  ref: (id) => {
    if (!deployed[id]) throw new UnresolvableError(`Ref ${id}`);
    return deployed[id].physicalId;
  },
  getAtt: (id, attribute) => deployed[id]?.attributes[attribute],
  importValue: (name) => `imported:${name}`,
  condition: (name) => name === 'IsTrue',
};

describe('resolveValue', () => {
  it('resolves Ref, GetAtt, Join, Sub, Select, Split and pseudo parameters', () => {
    const template = {
      url: { Ref: 'Queue' },
      arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      joined: { 'Fn::Join': ['-', ['a', { Ref: 'AWS::Region' }, { Ref: 'Table' }]] },
      sub: { 'Fn::Sub': 'arn:${AWS::Partition}:x:${AWS::AccountId}:${Table}/${Queue.Arn}' },
      subWithVariables: { 'Fn::Sub': ['${Name}-${AWS::StackName}', { Name: { Ref: 'Table' } }] },
      selected: { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::GetAtt': ['Queue', 'Arn'] }] }] },
      imported: { 'Fn::ImportValue': 'SharedBus' },
      chosen: { 'Fn::If': ['IsTrue', 'yes', 'no'] },
      list: ['keep', { Ref: 'AWS::NoValue' }],
      removed: { Ref: 'AWS::NoValue' },
    };
    expect(resolveValue(template, scope)).toEqual({
      url: 'http://127.0.0.1:4566/000000000000/q',
      arn: 'arn:aws:sqs:us-east-1:000000000000:q',
      joined: 'a-us-east-1-novamart-inventory',
      sub: 'arn:aws:x:000000000000:novamart-inventory/arn:aws:sqs:us-east-1:000000000000:q',
      subWithVariables: 'novamart-inventory-NovaMart',
      selected: 'aws',
      imported: 'imported:SharedBus',
      chosen: 'yes',
      list: ['keep'],
    });
  });

  it('fails on a reference to a resource that is not deployed', () => {
    expect(() => resolveValue({ Ref: 'Missing' }, scope)).toThrow(UnresolvableError);
  });
});

describe('deployOrder', () => {
  it('puts every resource after what it references', () => {
    const order = deployOrder({
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { Targets: [{ Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] },
      },
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: { RedrivePolicy: { deadLetterTargetArn: { 'Fn::Sub': '${Dlq.Arn}' } } },
      },
      Dlq: { Type: 'AWS::SQS::Queue' },
      Service: { Type: 'AWS::ECS::Service', DependsOn: ['Rule'] },
    });
    expect(order.indexOf('Dlq')).toBeLessThan(order.indexOf('Queue'));
    expect(order.indexOf('Queue')).toBeLessThan(order.indexOf('Rule'));
    expect(order.indexOf('Rule')).toBeLessThan(order.indexOf('Service'));
  });

  it('names a cycle', () => {
    expect(() =>
      deployOrder({
        A: { Type: 'X', Properties: { r: { Ref: 'B' } } },
        B: { Type: 'X', Properties: { r: { Ref: 'A' } } },
      }),
    ).toThrow(/cycle/);
  });
});

describe('resolveDynamicReferences', () => {
  it('reads a key of a deployed secret', () => {
    const secret: DeployedResource = {
      logicalId: 'Secret',
      type: 'AWS::SecretsManager::Secret',
      physicalId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:Secret',
      attributes: { SecretString: '{"username":"novamart","password":"p4ss"}' },
      properties: {},
    };
    const text =
      '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:000000000000:secret:Secret:SecretString:password::}}';
    expect(resolveDynamicReferences({ MasterUserPassword: text }, [secret])).toEqual({
      MasterUserPassword: 'p4ss',
    });
  });
});
