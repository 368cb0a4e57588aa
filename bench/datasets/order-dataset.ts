import type { Collection, Db } from 'mongodb';
import { MongoBulkWriteError } from 'mongodb';
import { createProgressBar } from '@loyaldesk/platform/cli';
import { orderSchema, type Order, type OrderStatus, type Shipment } from '@loyaldesk/customer-profile/schemas';
import { orderToDocument, type OrderDocument } from '@loyaldesk/customer-profile/storage';
import { createBulkWriter } from '../lib/bulk-writer.ts';
import { createRandom } from '../lib/random.ts';
import { orderNumberAt } from './profile-dataset.ts';

export { orderNumberAt };

/**
 * Bump when the generated orders change: a kept dataset of another version is dropped and
 * loaded again, so a run never measures against documents the code no longer generates.
 */
const datasetVersion = 1;
const seed = 20_250_901;
/** Every order is dated relative to this, not to the clock, so a kept dataset is the one regenerated. */
const datasetNow = new Date('2025-09-01T12:00:00Z');
const dayMs = 86_400_000;
/** Orders per customer: customer `c` owns orders 4c … 4c+3, so any order names its owner without a lookup. */
export const ordersPerCustomer = 4;

const manifestCollection = 'bench_datasets';
const manifestId = 'orders';

interface Manifest {
  _id: string;
  version: number;
  seed: number;
  /** Orders 0 … count−1 are stored (a prefix: the load resumes from here). */
  count: number;
}

/** The customer who placed the `index`-th order. */
export function customerIdOfOrder(index: number): string {
  return customerIdAt(Math.floor(index / ordersPerCustomer));
}

/** The id of the `index`-th customer of this dataset. */
export function customerIdAt(index: number): string {
  return `cus_${index.toString(36).padStart(6, '0')}`;
}

const products = [
  { sku: 'SKU-100', name: 'Merino crew sweater', price: 8900 },
  { sku: 'SKU-101', name: 'Canvas tote bag', price: 2400 },
  { sku: 'SKU-102', name: 'Ceramic pour-over set', price: 4600 },
  { sku: 'SKU-103', name: 'Linen bed sheet, queen', price: 12_900 },
  { sku: 'SKU-104', name: 'Wool socks, 3 pairs', price: 1800 },
  { sku: 'SKU-105', name: 'Leather card wallet', price: 3900 },
];
const places = [
  { city: 'Toronto', region: 'ON', country: 'CA', postalCode: 'M5V 2T6' },
  { city: 'Seattle', region: 'WA', country: 'US', postalCode: '98101' },
  { city: 'Shanghai', region: 'SH', country: 'CN', postalCode: '200000' },
  { city: 'London', region: 'LDN', country: 'GB', postalCode: 'SW1A 1AA' },
];
const carriers = ['Canada Post', 'UPS', 'FedEx', 'SF Express'];
// As in a real shop: most orders done, some in flight, a few cancelled or refunded.
const statusWeights: ReadonlyArray<readonly [OrderStatus, number]> = [
  ['delivered', 0.62],
  ['shipped', 0.12],
  ['processing', 0.05],
  ['paid', 0.04],
  ['pending', 0.03],
  ['cancelled', 0.08],
  ['refunded', 0.06],
];

/**
 * The `index`-th order, the same on every run and on its own (seeded by its index), so a load
 * interrupted anywhere resumes with exactly the orders it would have written.
 */
export function orderAt(index: number): Order {
  const random = createRandom(seed ^ Math.imul(index + 1, 0x9e37_79b1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick: empty list');
    return item;
  };
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  let roll = random();
  let status: OrderStatus = 'delivered';
  for (const [candidate, weight] of statusWeights) {
    roll -= weight;
    if (roll < 0) {
      status = candidate;
      break;
    }
  }
  const number = orderNumberAt(index);
  const customerId = customerIdOfOrder(index);
  const placedAt = new Date(datasetNow.getTime() - between(1, 730) * dayMs + between(0, dayMs - 1));
  const lineItems = Array.from({ length: between(1, 3) }, () => {
    const product = pick(products);
    return { sku: product.sku, name: product.name, quantity: between(1, 3), unitPrice: product.price };
  });
  const subtotal = lineItems.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  const shipping = subtotal >= 10_000 ? 0 : 900;
  const tax = Math.round(subtotal * 0.13);
  const total = subtotal + shipping + tax;
  const place = pick(places);
  const shipments: Shipment[] = [];
  if (status === 'shipped' || status === 'delivered') {
    const shippedAt = new Date(placedAt.getTime() + between(1, 2) * dayMs);
    const estimatedDelivery = new Date(shippedAt.getTime() + between(2, 6) * dayMs);
    const delivered = status === 'delivered';
    shipments.push({
      id: `shp_${number}`,
      carrier: pick(carriers),
      trackingNumber: `TRK${number}${between(10, 99)}`,
      status: delivered ? 'delivered' : 'in_transit',
      shippedAt,
      estimatedDelivery,
      ...(delivered ? { deliveredAt: estimatedDelivery } : {}),
      events: [
        { at: shippedAt, status: 'label_created', description: 'Shipping label created' },
        {
          at: new Date(shippedAt.getTime() + 6 * 3_600_000),
          status: 'in_transit',
          location: place.city,
          description: 'Departed facility',
        },
        ...(delivered
          ? [{ at: estimatedDelivery, status: 'delivered' as const, location: place.city, description: 'Delivered' }]
          : []),
      ],
    });
  }
  const updatedAt = new Date(placedAt.getTime() + between(0, 5) * dayMs);
  return {
    number,
    customerId,
    email: `shopper.${customerId}@example.com`,
    customerName: `Shopper ${customerId}`,
    customerLocale: 'en-US',
    placedAt,
    sourceUpdatedAt: updatedAt,
    ingestedAt: updatedAt,
    status,
    currency: 'USD',
    lineItems,
    totals: { subtotal, shipping, tax, discount: 0, total, refunded: status === 'refunded' ? total : 0 },
    shippingAddress: { name: `Shopper ${customerId}`, line1: `${between(1, 999)} Main Street`, ...place },
    shipments,
  };
}

export interface OrderLoad {
  /** Orders stored before this run (kept from an earlier one). */
  kept: number;
  /** Orders written by this run. */
  written: number;
  seconds: number;
}

/**
 * Makes `db.orders` hold exactly orders 0 … count−1 of this dataset, resuming a load an earlier
 * run left part-way (raw insertMany of the service's own documents, `ordered: false`, two
 * batches in flight). The prefix stored so far is kept in `bench_datasets`; orders written past
 * it before an interruption are skipped as duplicates.
 */
export async function ensureOrders(options: {
  db: Db;
  count: number;
  batchSize: number;
  signal: AbortSignal;
}): Promise<OrderLoad> {
  const { db, count, batchSize, signal } = options;
  // Prove once per run that the generated orders are what the service stores and reads back.
  orderSchema.parse(orderAt(0));
  orderSchema.parse(orderAt(count - 1));
  const manifests = db.collection<Manifest>(manifestCollection);
  const orders: Collection<OrderDocument> = db.collection<OrderDocument>('orders');
  let manifest = await manifests.findOne({ _id: manifestId });
  if (manifest && (manifest.version !== datasetVersion || manifest.seed !== seed || manifest.count > count)) {
    await orders.drop().catch(() => undefined);
    manifest = null;
  }
  if (!manifest) {
    manifest = { _id: manifestId, version: datasetVersion, seed, count: 0 };
    await manifests.replaceOne({ _id: manifestId }, manifest, { upsert: true });
  }
  const kept = manifest.count;
  if (kept >= count) return { kept, written: 0, seconds: 0 };

  const started = process.hrtime.bigint();
  const progress = createProgressBar(`loading orders ${kept} → ${count}`, count - kept);
  const writer = createBulkWriter(2);
  // Batches finish in any order; the manifest moves only over a stored prefix.
  const done = new Map<number, number>();
  let prefix = kept;
  let written = 0;
  try {
    for (let from = kept; from < count; from += batchSize) {
      signal.throwIfAborted();
      const to = Math.min(count, from + batchSize);
      const batch = Array.from({ length: to - from }, (_, i) => orderToDocument(orderAt(from + i)));
      await writer.submit(async () => {
        await insertSkippingDuplicates(orders, batch);
        done.set(from, to);
        let advanced = false;
        for (let end = done.get(prefix); end !== undefined; end = done.get(prefix)) {
          done.delete(prefix);
          prefix = end;
          advanced = true;
        }
        if (advanced) await manifests.updateOne({ _id: manifestId }, { $max: { count: prefix } });
        written += batch.length;
        progress.update(written);
      });
    }
    await writer.drain();
  } finally {
    progress.stop();
  }
  const stored = await orders.estimatedDocumentCount();
  if (stored !== count) throw new Error(`the orders collection holds ${stored} orders, not ${count}`);
  return { kept, written, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** insertMany that accepts orders already stored by an interrupted earlier run (duplicate key 11000), nothing else. */
async function insertSkippingDuplicates(orders: Collection<OrderDocument>, batch: OrderDocument[]): Promise<void> {
  try {
    await orders.insertMany(batch, { ordered: false });
  } catch (error) {
    const writeErrors = error instanceof MongoBulkWriteError ? error.writeErrors : undefined;
    const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (list.length === 0 || list.some((writeError) => writeError.code !== 11000)) throw error;
  }
}
