/**
 * What the embedded deployer created, kept in `.novamart/deploy-state.json` and written after
 * every resource, so an interrupted deploy resumes where it stopped and a later deploy knows what
 * to update or remove.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DeployedResource } from './provisioners/types.ts';

export interface StackState {
  resources: Record<string, DeployedResource & { retain?: boolean }>;
  outputs: Record<string, { value: string; exportName?: string }>;
}

export interface DeployState {
  /** The local cloud this state describes; a state for another endpoint is ignored. */
  endpoint: string;
  stacks: Record<string, StackState>;
}

export function loadDeployState(file: string, endpoint: string): DeployState {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as DeployState;
    if (state.endpoint === endpoint) return state;
  } catch {
    // No state yet, or unreadable: start empty; provisioners find existing resources by name.
  }
  return { endpoint, stacks: {} };
}

export function saveDeployState(file: string, state: DeployState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2));
  renameSync(temporary, file);
}
