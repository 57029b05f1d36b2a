/**
 * The functions that exist, by name. Lookups take any reference form Lambda accepts and answer
 * ResourceNotFoundException with AWS's wording when nothing matches.
 */
import type { CloudContext } from '../context.ts';
import { functionArn, LATEST, parseFunctionRef } from './arns.ts';
import { discardCode } from './code-bundle.ts';
import { resourceNotFound } from './errors.ts';
import type { LambdaFunction } from './lambda-function.ts';

export class FunctionRegistry {
  private readonly functions = new Map<string, LambdaFunction>();

  constructor(
    private readonly ctx: CloudContext,
    private readonly defaultConcurrency: number,
  ) {}

  /** The function named by `ref` (name, name:qualifier, ARN), or ResourceNotFoundException. */
  get(ref: string, queryQualifier?: string | null): LambdaFunction {
    const { name, qualifier } = parseFunctionRef(ref, queryQualifier);
    const fn = this.functions.get(name);
    if (!fn || (qualifier !== undefined && qualifier !== LATEST)) {
      const suffix = qualifier ? `:${qualifier}` : '';
      throw resourceNotFound(`Function not found: ${functionArn(this.ctx, name)}${suffix}`);
    }
    return fn;
  }

  find(ref: string): LambdaFunction | undefined {
    try {
      return this.get(ref);
    } catch {
      return undefined;
    }
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  add(fn: LambdaFunction): void {
    this.functions.set(fn.name, fn);
  }

  list(): LambdaFunction[] {
    return [...this.functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Concurrent executions allowed: reserved concurrency, else the service default. */
  capacityOf(fn: LambdaFunction): number {
    return fn.reservedConcurrency ?? this.defaultConcurrency;
  }

  async remove(fn: LambdaFunction): Promise<void> {
    this.functions.delete(fn.name);
    await fn.pool.close();
    for (const code of [fn.code, ...fn.retiredCode]) discardCode(code);
  }

  async close(): Promise<void> {
    const all = [...this.functions.values()];
    this.functions.clear();
    await Promise.all(
      all.map(async (fn) => {
        await fn.pool.close();
        for (const code of [fn.code, ...fn.retiredCode]) discardCode(code);
      }),
    );
  }
}
