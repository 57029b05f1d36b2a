/**
 * Function references as Lambda accepts them: `name`, `name:qualifier`,
 * `account:function:name[:qualifier]` or the full ARN. Only `$LATEST` exists here: the local
 * cloud does not publish versions or aliases.
 */
import type { CloudContext } from '../context.ts';
import { invalidParameter } from './errors.ts';

export const LATEST = '$LATEST';

export interface FunctionRef {
  name: string;
  qualifier?: string;
}

const NAME_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/;
const FULL_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^\d{12}:function:([^:]+)(?::([^:]+))?$/;
const NAME_WITH_QUALIFIER = /^([^:]+)(?::([^:]+))?$/;

export function parseFunctionRef(raw: string, queryQualifier?: string | null): FunctionRef {
  const decoded = decodeURIComponent(raw);
  const match =
    FULL_ARN.exec(decoded) ?? PARTIAL_ARN.exec(decoded) ?? NAME_WITH_QUALIFIER.exec(decoded);
  const name = match?.[1];
  if (!name || !NAME_PATTERN.test(name)) {
    throw invalidParameter(
      `Function name '${decoded}' is not valid: use a name of 1-64 letters, digits, '-' or '_', ` +
        'optionally with :qualifier, or a function ARN.',
    );
  }
  const qualifier = match?.[2] ?? queryQualifier ?? undefined;
  return { name, qualifier };
}

export function functionArn(ctx: Pick<CloudContext, 'region' | 'accountId'>, name: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
}

export function isValidFunctionName(name: unknown): name is string {
  return typeof name === 'string' && NAME_PATTERN.test(name);
}
