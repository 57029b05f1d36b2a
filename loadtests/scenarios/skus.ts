/**
 * The SKUs the load tests order. They must exist in the catalogue and in the inventory table with
 * plenty of stock, or every order is rejected and the test measures rejections.
 *
 * TODO(issue 4): when services/catalog exports its deterministic generator, read the SKUs (and
 * their seeded stock) from it instead of this list. Until then this is a documented fallback,
 * and `--option skus=A,B,C` or a catalog fetch (order-create) replaces it.
 */
export const FALLBACK_LOADTEST_SKUS: readonly string[] = Array.from(
  { length: 50 },
  (_, i) => `SKU-${String(i + 1).padStart(5, '0')}`,
);

/** The SKUs a scenario uses: `--option skus=...` when given, otherwise the fallback list. */
export function loadtestSkus(options: Record<string, string>): string[] {
  const given = options.skus
    ?.split(',')
    .map((sku) => sku.trim())
    .filter(Boolean);
  return given && given.length > 0 ? given : [...FALLBACK_LOADTEST_SKUS];
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
