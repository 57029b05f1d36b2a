/**
 * Every scenario by name, as `novamart loadtest SCENARIO` and `compare` look them up. Loaded on
 * demand: the AWS SDK clients of the inventory scenarios take over a second to import, which
 * every other CLI command would otherwise pay.
 */
import type { Scenario } from './types.ts';

export const SCENARIO_LOADERS: Record<string, () => Promise<Scenario>> = {
  'catalog-products': async () => (await import('./catalog-products.ts')).catalogProducts,
  'order-create': async () => (await import('./order-create.ts')).orderCreate,
  'inventory-invoke': async () => (await import('./inventory-invoke.ts')).inventoryInvoke,
  'inventory-e2e': async () => (await import('./inventory-e2e.ts')).inventoryE2e,
};

export const SCENARIO_NAMES = Object.keys(SCENARIO_LOADERS);

/** The scenario called `name`, or undefined when there is none. */
export async function loadScenario(name: string): Promise<Scenario | undefined> {
  const load = Object.hasOwn(SCENARIO_LOADERS, name) ? SCENARIO_LOADERS[name] : undefined;
  return load?.();
}

export type { Scenario, ScenarioContext, ScenarioInstance, Target } from './types.ts';
