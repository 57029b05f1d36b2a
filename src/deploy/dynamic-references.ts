/** `{{resolve:secretsmanager:<secret>:SecretString:<key>::}}`, as RDS credentials use them. */
import type { DeployedResource } from './provisioners/types.ts';

const DYNAMIC_REFERENCE =
  /\{\{resolve:secretsmanager:(.+?):SecretString:([^:}]*)(?::[^:}]*)?(?::[^:}]*)?\}\}/g;

export function secretValue(secrets: DeployedResource[], secretId: string, key: string): string {
  const secret = secrets.find(
    (s) => s.physicalId === secretId || s.logicalId === secretId || s.attributes.Arn === secretId,
  );
  if (!secret)
    throw new Error(
      `no secret ${secretId} was deployed; it is referenced by {{resolve:secretsmanager:...}}`,
    );
  const text = secret.attributes.SecretString ?? '';
  if (!key) return text;
  const parsed = JSON.parse(text) as Record<string, unknown>;
  if (!(key in parsed)) throw new Error(`secret ${secretId} has no key "${key}"`);
  return String(parsed[key]);
}

export function resolveDynamicReferences(value: unknown, secrets: DeployedResource[]): unknown {
  if (typeof value === 'string') {
    return value.replace(DYNAMIC_REFERENCE, (_all, secretId: string, key: string) =>
      secretValue(secrets, secretId, key),
    );
  }
  if (Array.isArray(value)) return value.map((v) => resolveDynamicReferences(v, secrets));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, resolveDynamicReferences(v, secrets)]),
    );
  }
  return value;
}
