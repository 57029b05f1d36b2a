/**
 * Resolves the CloudFormation intrinsic functions a CDK app emits (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue, Fn::If, pseudo parameters) against what the
 * deployer has already created.
 */

export interface ResolveScope {
  region: string;
  accountId: string;
  stackName: string;
  /** The physical id a `Ref` to this resource or parameter yields. */
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
  importValue(exportName: string): unknown;
  condition(name: string): boolean;
}

export class UnresolvableError extends Error {
  override readonly name = 'UnresolvableError';
}

function pseudoParameter(name: string, scope: ResolveScope): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return scope.region;
    case 'AWS::AccountId':
      return scope.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return scope.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${scope.region}:${scope.accountId}:stack/${scope.stackName}/local`;
    case 'AWS::NoValue':
      return undefined;
    default:
      return undefined;
  }
}

function resolveSub(
  template: string,
  variables: Record<string, unknown>,
  scope: ResolveScope,
): string {
  return template.replace(/\$\{([^}!][^}]*)\}/g, (_whole, name: string) => {
    if (name in variables) return String(variables[name]);
    if (name.startsWith('AWS::')) return String(pseudoParameter(name, scope));
    const [logicalId, ...attribute] = name.split('.');
    const value = attribute.length
      ? scope.getAtt(logicalId!, attribute.join('.'))
      : scope.ref(logicalId!);
    return String(value);
  });
}

export function resolveValue(value: unknown, scope: ResolveScope): unknown {
  if (Array.isArray(value))
    return value.map((item) => resolveValue(item, scope)).filter((v) => v !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [fn] = keys as [string];
    const arg = obj[fn];
    switch (fn) {
      case 'Ref': {
        const name = arg as string;
        if (name === 'AWS::NoValue') return NO_VALUE;
        return name.startsWith('AWS::') ? pseudoParameter(name, scope) : scope.ref(name);
      }
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split(/\.(.*)/);
        return scope.getAtt(String(logicalId), String(resolveValue(attribute, scope)));
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return (resolveValue(parts, scope) as unknown[]).join(separator);
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return resolveSub(arg, {}, scope);
        const [template, variables] = arg as [string, Record<string, unknown>];
        return resolveSub(
          template,
          resolveValue(variables, scope) as Record<string, unknown>,
          scope,
        );
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (resolveValue(list, scope) as unknown[])[Number(resolveValue(index, scope))];
      }
      case 'Fn::Split': {
        const [separator, source] = arg as [string, unknown];
        return String(resolveValue(source, scope)).split(separator);
      }
      case 'Fn::ImportValue':
        return scope.importValue(String(resolveValue(arg, scope)));
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return resolveValue(scope.condition(condition) ? whenTrue : whenFalse, scope);
      }
      case 'Fn::GetAZs':
        return [`${scope.region}a`, `${scope.region}b`, `${scope.region}c`];
      case 'Fn::Base64':
        return Buffer.from(String(resolveValue(arg, scope))).toString('base64');
      default:
        break;
    }
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(obj)) {
    const v = resolveValue(child, scope);
    if (v !== NO_VALUE) resolved[key] = v;
  }
  return resolved;
}

/** `Ref: AWS::NoValue` removes the property or list item it stands in. */
export const NO_VALUE = Symbol('AWS::NoValue');
