/**
 * The generated catalogue: the same products, SKUs and prices on every run and every machine, so
 * inventory can seed stock for exactly these SKUs and load tests can name real products.
 */
import { SKU_PATTERN } from '../../src/shared/events.ts';

/** Products in the catalogue; at least 5,000 so paging and caching behave as on a real shop. */
export const PRODUCT_COUNT = 5_000;

export const CATEGORIES = [
  {
    code: 'ELEC',
    name: 'Electronics',
    nouns: ['Headphones', 'Charger', 'Speaker', 'Monitor', 'Keyboard'],
  },
  { code: 'HOME', name: 'Home', nouns: ['Lamp', 'Blanket', 'Vase', 'Shelf', 'Rug'] },
  { code: 'BOOK', name: 'Books', nouns: ['Novel', 'Cookbook', 'Atlas', 'Biography', 'Guide'] },
  { code: 'TOYS', name: 'Toys', nouns: ['Puzzle', 'Robot', 'Kite', 'Board Game', 'Teddy'] },
  { code: 'SPRT', name: 'Sports', nouns: ['Racket', 'Yoga Mat', 'Helmet', 'Ball', 'Bottle'] },
  { code: 'GARD', name: 'Garden', nouns: ['Hose', 'Planter', 'Trowel', 'Lantern', 'Bench'] },
  { code: 'FOOD', name: 'Grocery', nouns: ['Coffee', 'Tea', 'Olive Oil', 'Honey', 'Granola'] },
  { code: 'BEAU', name: 'Beauty', nouns: ['Shampoo', 'Lotion', 'Perfume', 'Brush', 'Soap'] },
  { code: 'CLTH', name: 'Clothing', nouns: ['Jacket', 'Scarf', 'Sneakers', 'Hoodie', 'Socks'] },
  {
    code: 'OFFC',
    name: 'Office',
    nouns: ['Notebook', 'Pen Set', 'Stapler', 'Desk Mat', 'Planner'],
  },
] as const;

const ADJECTIVES = [
  'Classic',
  'Compact',
  'Deluxe',
  'Eco',
  'Premium',
  'Smart',
  'Vintage',
  'Bold',
  'Soft',
  'Nova',
];

export interface Product {
  id: number;
  sku: string;
  name: string;
  category: string;
  description: string;
  priceCents: number;
}

/** A small, fast, seedable PRNG (mulberry32): the same id always yields the same product. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The SKU of product `id`: category code and a zero-padded number, e.g. `ELEC-00001`. */
export function skuForProductId(id: number): string {
  const category = CATEGORIES[(id - 1) % CATEGORIES.length];
  return `${category.code}-${String(id).padStart(5, '0')}`;
}

export function productForId(id: number): Product {
  const random = seededRandom(id);
  const category = CATEGORIES[(id - 1) % CATEGORIES.length];
  const adjective = ADJECTIVES[Math.floor(random() * ADJECTIVES.length)];
  const noun = category.nouns[Math.floor(random() * category.nouns.length)];
  const sku = skuForProductId(id);
  if (!SKU_PATTERN.test(sku)) throw new Error(`Generated SKU ${sku} does not match SKU_PATTERN`);
  return {
    id,
    sku,
    name: `${adjective} ${noun} ${id}`,
    category: category.name,
    description: `${adjective} ${noun.toLowerCase()} from our ${category.name.toLowerCase()} range.`,
    // 1.99 to 499.99, whole cents.
    priceCents: 199 + Math.floor(random() * 49_801),
  };
}

export function generateCatalogue(count: number = PRODUCT_COUNT): Product[] {
  return Array.from({ length: count }, (_, index) => productForId(index + 1));
}

/** Every SKU in the catalogue, in id order: what inventory seeds its stock from. */
export function listCatalogueSkus(count: number = PRODUCT_COUNT): string[] {
  return Array.from({ length: count }, (_, index) => skuForProductId(index + 1));
}
