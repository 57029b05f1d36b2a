/**
 * AWS::SecretsManager::Secret: generated once per deploy state and kept, so a redeploy hands the
 * services the same database password the embedded PostgreSQL was initialised with.
 */
import { randomBytes } from 'node:crypto';
import type { Provisioner } from './types.ts';

interface SecretProperties {
  Name?: string;
  SecretString?: string;
  GenerateSecretString?: {
    SecretStringTemplate?: string;
    GenerateStringKey?: string;
    PasswordLength?: number;
  };
}

export const secret: Provisioner = {
  types: ['AWS::SecretsManager::Secret'],
  async apply({ logicalId, properties, previous }, ctx) {
    const props = properties as SecretProperties;
    const arn = `arn:aws:secretsmanager:${ctx.region}:${ctx.accountId}:secret:${props.Name ?? logicalId}`;
    let value = previous?.attributes.SecretString;
    if (!value) {
      if (props.SecretString !== undefined) value = props.SecretString;
      else {
        const generate = props.GenerateSecretString ?? {};
        const template = JSON.parse(generate.SecretStringTemplate ?? '{}') as Record<
          string,
          string
        >;
        // Hex keeps the password safe in URLs and shell lines without quoting.
        const password = randomBytes(Math.ceil((generate.PasswordLength ?? 24) / 2)).toString(
          'hex',
        );
        value = generate.GenerateStringKey
          ? JSON.stringify({ ...template, [generate.GenerateStringKey]: password })
          : password;
      }
    }
    return {
      change: previous ? 'unchanged' : 'created',
      resource: {
        logicalId,
        type: 'AWS::SecretsManager::Secret',
        physicalId: arn,
        attributes: { Arn: arn, SecretString: value },
        properties,
      },
    };
  },
};
