import type { LineItem } from '../schemas/order.ts';

/** A product of the demo shop (a tea and teaware store); prices in cents. */
export interface Product {
  sku: string;
  name: string;
  unitPrice: number;
  /** Relative popularity: how often it lands in a basket. */
  popularity: number;
  /** Tea is bought again and in twos and threes; a teapot is not. */
  consumable: boolean;
}

/** The demo shop's catalog. */
export const catalog = [
  { sku: 'TEA-JAS-100', name: 'Jasmine Pearls Green Tea, 100 g', unitPrice: 1_800, popularity: 10, consumable: true },
  {
    sku: 'TEA-LJG-100',
    name: 'Dragon Well (Longjing) Green Tea, 100 g',
    unitPrice: 2_400,
    popularity: 8,
    consumable: true,
  },
  { sku: 'TEA-TGY-100', name: 'Tieguanyin Oolong, 100 g', unitPrice: 2_200, popularity: 8, consumable: true },
  { sku: 'TEA-DHP-50', name: 'Da Hong Pao Rock Oolong, 50 g', unitPrice: 2_900, popularity: 5, consumable: true },
  {
    sku: 'TEA-ALS-100',
    name: 'Alishan High Mountain Oolong, 100 g',
    unitPrice: 3_200,
    popularity: 6,
    consumable: true,
  },
  { sku: 'TEA-ORB-75', name: 'Oriental Beauty Oolong, 75 g', unitPrice: 3_600, popularity: 4, consumable: true },
  { sku: 'TEA-PUE-357', name: 'Aged Pu-erh Tea Cake, 357 g', unitPrice: 6_800, popularity: 3, consumable: true },
  {
    sku: 'TEA-WPN-50',
    name: 'White Peony (Bai Mu Dan) White Tea, 50 g',
    unitPrice: 1_900,
    popularity: 5,
    consumable: true,
  },
  { sku: 'TEA-KMN-100', name: 'Keemun Black Tea, 100 g', unitPrice: 1_600, popularity: 7, consumable: true },
  { sku: 'TEA-EGS-100', name: 'Earl Grey Supreme, 100 g', unitPrice: 1_400, popularity: 9, consumable: true },
  { sku: 'TEA-MAT-30', name: 'Ceremonial Matcha, 30 g', unitPrice: 2_600, popularity: 7, consumable: true },
  { sku: 'TEA-SMP-6', name: 'Tea Discovery Sampler, 6 teas', unitPrice: 3_400, popularity: 6, consumable: false },
  { sku: 'WARE-GAI-150', name: 'Porcelain Gaiwan, 150 ml', unitPrice: 2_800, popularity: 4, consumable: false },
  { sku: 'WARE-YIX-200', name: 'Yixing Clay Teapot, 200 ml', unitPrice: 12_800, popularity: 2, consumable: false },
  { sku: 'WARE-CUP-4', name: 'Celadon Tea Cups, Set of 4', unitPrice: 3_200, popularity: 4, consumable: false },
  { sku: 'WARE-TRY-BAM', name: 'Bamboo Tea Tray', unitPrice: 5_900, popularity: 2, consumable: false },
  {
    sku: 'WARE-KET-GN',
    name: 'Gooseneck Kettle with Temperature Control, 1 L',
    unitPrice: 8_900,
    popularity: 3,
    consumable: false,
  },
  { sku: 'WARE-BTL-CB', name: 'Cold Brew Tea Bottle, 750 ml', unitPrice: 2_400, popularity: 5, consumable: false },
  { sku: 'WARE-WSK-MAT', name: 'Bamboo Matcha Whisk', unitPrice: 1_900, popularity: 3, consumable: false },
  { sku: 'GIFT-BOX-DLX', name: 'Deluxe Tea Gift Box', unitPrice: 8_800, popularity: 2, consumable: false },
  { sku: 'GIFT-CARD-50', name: 'Gift Card, $50', unitPrice: 5_000, popularity: 1, consumable: false },
] as const satisfies readonly Product[];

export type Sku = (typeof catalog)[number]['sku'];

const bySku = new Map<string, Product>(catalog.map((product) => [product.sku, product]));

/** A catalog product by SKU; throws on an unknown SKU (a typo in fixed demo data). */
export function productBySku(sku: Sku): Product {
  const product = bySku.get(sku);
  if (!product) throw new Error(`seed catalog: no product ${sku}`);
  return product;
}

/** Line items for `[sku, quantity]` pairs at catalog prices. */
export function lineItemsFor(items: ReadonlyArray<readonly [Sku, number]>): LineItem[] {
  return items.map(([sku, quantity]) => {
    const product = productBySku(sku);
    return { sku: product.sku, name: product.name, quantity, unitPrice: product.unitPrice };
  });
}
