/** Every scenario by name, as `novamart loadtest SCENARIO` and `compare` look them up. */
import { catalogProducts } from './catalog-products.ts';
import { inventoryE2e } from './inventory-e2e.ts';
import { inventoryInvoke } from './inventory-invoke.ts';
import { orderCreate } from './order-create.ts';
import type { Scenario } from './types.ts';

export const SCENARIOS: Record<string, Scenario> = Object.fromEntries(
  [catalogProducts, orderCreate, inventoryInvoke, inventoryE2e].map((s) => [s.name, s]),
);

export { FALLBACK_LOADTEST_SKUS, loadtestSkus } from './skus.ts';
export type { Scenario, ScenarioContext, ScenarioInstance, Target } from './types.ts';
