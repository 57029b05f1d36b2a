/** Which resources of a template a resource needs first: its Refs, GetAtts, Subs and DependsOn. */
import type { CfnResource } from './template.ts';

const SUB_REFERENCE = /\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g;

function collect(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, found);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  if (typeof obj.Ref === 'string') found.add(obj.Ref);
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
  if (typeof getAtt === 'string') found.add(getAtt.split('.')[0] ?? '');
  const sub = obj['Fn::Sub'];
  const subText = typeof sub === 'string' ? sub : Array.isArray(sub) ? sub[0] : undefined;
  if (typeof subText === 'string')
    for (const match of subText.matchAll(SUB_REFERENCE)) found.add(match[1] ?? '');
  for (const child of Object.values(obj)) collect(child, found);
}

export function dependenciesOf(resource: CfnResource, resourceIds: Set<string>): string[] {
  const found = new Set<string>();
  collect(resource.Properties, found);
  const dependsOn = resource.DependsOn;
  for (const id of Array.isArray(dependsOn) ? dependsOn : dependsOn ? [dependsOn] : [])
    found.add(id);
  return [...found].filter((id) => resourceIds.has(id));
}

/** Logical ids in an order where each resource comes after everything it depends on. */
export function deployOrder(resources: Record<string, CfnResource>): string[] {
  const ids = new Set(Object.keys(resources));
  const ordered: string[] = [];
  const done = new Set<string>();
  const visiting = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    if (visiting.has(id))
      throw new Error(`resources depend on each other in a cycle through ${id}`);
    visiting.add(id);
    for (const dep of dependenciesOf(resources[id]!, ids)) visit(dep);
    visiting.delete(id);
    done.add(id);
    ordered.push(id);
  };
  [...ids].sort().forEach(visit);
  return ordered;
}
