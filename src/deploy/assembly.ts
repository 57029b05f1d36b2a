/**
 * Reads a cloud assembly (`cdk.out`): which stacks there are, their templates, and the order
 * they must be deployed in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from './template.ts';

export interface AssemblyStack {
  /** The artifact id, which CDK also uses as the stack name unless one is given. */
  id: string;
  stackName: string;
  template: CfnTemplate;
  dependencies: string[];
}

export interface CloudAssembly {
  dir: string;
  /** In deploy order: every stack after the stacks it depends on. */
  stacks: AssemblyStack[];
}

interface ManifestArtifact {
  type: string;
  properties?: { templateFile?: string; stackName?: string };
  dependencies?: string[];
}

export function readCloudAssembly(dir: string): CloudAssembly {
  let manifest: { artifacts?: Record<string, ManifestArtifact> };
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch (err) {
    throw new Error(
      `no cloud assembly at ${dir} (${(err as Error).message}); run "npx cdk synth" first`,
    );
  }

  const stacks = new Map<string, AssemblyStack>();
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile)
      continue;
    const template = JSON.parse(
      readFileSync(join(dir, artifact.properties.templateFile), 'utf8'),
    ) as CfnTemplate;
    stacks.set(id, {
      id,
      stackName: artifact.properties.stackName ?? id,
      template: { ...template, Resources: template.Resources ?? {} },
      dependencies: (artifact.dependencies ?? []).filter(
        (dep) => manifest.artifacts?.[dep]?.type === 'aws:cloudformation:stack',
      ),
    });
  }

  const ordered: AssemblyStack[] = [];
  const visiting = new Set<string>();
  const visit = (id: string) => {
    const stack = stacks.get(id);
    if (!stack || ordered.includes(stack)) return;
    if (visiting.has(id)) throw new Error(`stacks depend on each other in a cycle through ${id}`);
    visiting.add(id);
    stack.dependencies.forEach(visit);
    visiting.delete(id);
    ordered.push(stack);
  };
  [...stacks.keys()].sort().forEach(visit);
  return { dir, stacks: ordered };
}
