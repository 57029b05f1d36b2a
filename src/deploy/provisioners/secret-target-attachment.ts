/**
 * AWS::SecretsManager::SecretTargetAttachment: adds the database's host, port, engine and name to its
 * secret, as RDS does; its Ref is the secret's ARN.
 */
import type { Provisioner } from './types.ts';

export const secretTargetAttachment: Provisioner = {
  types: ['AWS::SecretsManager::SecretTargetAttachment'],
  async apply({ logicalId, properties, previous }, ctx) {
    const secretArn = String(properties.SecretId);
    const deployed = ctx.deployed();
    const secret = deployed.find(
      (r) => r.type === 'AWS::SecretsManager::Secret' && r.physicalId === secretArn,
    );
    const target = deployed.find(
      (r) => r.type === 'AWS::RDS::DBInstance' && r.physicalId === properties.TargetId,
    );
    if (secret && target) {
      const value = JSON.parse(secret.attributes.SecretString ?? '{}') as Record<string, unknown>;
      value.host = target.attributes['Endpoint.Address'];
      value.port = Number(target.attributes['Endpoint.Port']);
      value.engine = 'postgres';
      if (target.properties.DBName) value.dbname = target.properties.DBName;
      secret.attributes.SecretString = JSON.stringify(value);
    }
    return {
      change: previous ? 'unchanged' : 'created',
      resource: {
        logicalId,
        type: 'AWS::SecretsManager::SecretTargetAttachment',
        physicalId: secretArn,
        attributes: {},
        properties,
      },
    };
  },
};
