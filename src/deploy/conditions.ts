/** Evaluates a template's Conditions (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition). */
import { type ResolveScope, resolveValue } from './intrinsics.ts';

export function evaluateCondition(
  name: string,
  conditions: Record<string, unknown>,
  scope: Omit<ResolveScope, 'condition'>,
): boolean {
  const evaluate = (expression: unknown): boolean => {
    if (typeof expression === 'boolean') return expression;
    const obj = expression as Record<string, unknown>;
    const fullScope: ResolveScope = {
      ...scope,
      condition: (n) => evaluateCondition(n, conditions, scope),
    };
    if ('Condition' in obj) return evaluateCondition(String(obj.Condition), conditions, scope);
    if ('Fn::Equals' in obj) {
      const [a, b] = obj['Fn::Equals'] as [unknown, unknown];
      return (
        JSON.stringify(resolveValue(a, fullScope)) === JSON.stringify(resolveValue(b, fullScope))
      );
    }
    if ('Fn::And' in obj) return (obj['Fn::And'] as unknown[]).every(evaluate);
    if ('Fn::Or' in obj) return (obj['Fn::Or'] as unknown[]).some(evaluate);
    if ('Fn::Not' in obj) return !evaluate((obj['Fn::Not'] as unknown[])[0]);
    throw new Error(
      `condition ${name} uses a function the deployer does not evaluate: ${JSON.stringify(obj)}`,
    );
  };
  if (!(name in conditions)) throw new Error(`the template has no condition named ${name}`);
  return evaluate(conditions[name]);
}
