/**
 * The SKUs the load tests order: the generated catalogue's (services/catalog/catalogue.ts), which
 * the deployer seeds with DEFAULT_STOCK_PER_SKU each (src/deploy/seed-stock.ts). Spreading orders
 * over all 5,000 keeps them from contending for the same stock rows, and at 1,000,000 units per
 * SKU a full 100-800 rps series cannot run out. `--option skus=A,B,C` narrows the list.
 */
import { listCatalogueSkus } from '../../services/catalog/catalogue.ts';

/** The SKUs a scenario orders: `--option skus=...` when given, otherwise the whole catalogue. */
export function loadtestSkus(options: Record<string, string>): string[] {
  const given = options.skus
    ?.split(',')
    .map((sku) => sku.trim())
    .filter(Boolean);
  return given && given.length > 0 ? given : listCatalogueSkus();
}

/** 1 to `maxLines` distinct SKUs, each with a quantity of 1 to `maxQuantity`. */
export function randomOrderLines(
  skus: readonly string[],
  random: () => number = Math.random,
  maxLines = 5,
  maxQuantity = 3,
): Array<{ sku: string; quantity: number }> {
  const lineCount = 1 + Math.floor(random() * Math.min(maxLines, skus.length));
  const chosen = new Set<string>();
  while (chosen.size < lineCount) chosen.add(skus[Math.floor(random() * skus.length)]);
  return [...chosen].map((sku) => ({ sku, quantity: 1 + Math.floor(random() * maxQuantity) }));
}
