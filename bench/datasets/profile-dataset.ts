import { buildCustomerFromOrders, orderFacts } from '@loyaldesk/customer-profile/rules';
import {
  defaultProfilePolicy,
  type Customer,
  type LineItem,
  type Order,
  type OrderStatus,
  type Shipment,
  type TrackingEvent,
} from '@loyaldesk/customer-profile/schemas';
import {
  customerToDocument,
  orderToDocument,
  type CustomerDocument,
  type OrderDocument,
} from '@loyaldesk/customer-profile/storage';
import { createRandom } from '../lib/random.ts';

export type { CustomerDocument, OrderDocument };

/** One shopper with all of their orders, as the service would have stored them after ingesting each. */
export interface GeneratedCustomer {
  customer: Customer;
  orders: Order[];
}

const dayMs = 86_400_000;
/** Order numbers are 7 digits, like a shop a few years old: #1000000, #1000001, … */
const firstOrderNumber = 1_000_000;

/** The order number of the `index`-th generated order (0-based). */
export function orderNumberAt(index: number): string {
  return String(firstOrderNumber + index);
}

/** The id of the `index`-th generated customer (0-based). */
export function customerIdAt(index: number): string {
  return `cus_${index.toString(36).padStart(5, '0')}`;
}

const firstNames = [
  'Ava',
  'Liam',
  'Mia',
  'Noah',
  'Zoe',
  'Ethan',
  'Chloe',
  'Lucas',
  'Wei',
  'Mei',
  'Jun',
  'Li',
  'Hana',
  'Omar',
  'Sara',
  'Diego',
];
const lastNames = [
  'Smith',
  'Chen',
  'Wang',
  'Garcia',
  'Tremblay',
  'Nguyen',
  'Müller',
  'Rossi',
  'Kim',
  'Lin',
  'Patel',
  'Brown',
];
const locales = ['en-US', 'en-US', 'en-CA', 'en-GB', 'zh-CN', 'zh-TW', 'fr-CA'];
const cities = [
  { city: 'Toronto', region: 'ON', country: 'CA', postalCode: 'M5V 2T6' },
  { city: 'Vancouver', region: 'BC', country: 'CA', postalCode: 'V6B 1A1' },
  { city: 'Seattle', region: 'WA', country: 'US', postalCode: '98101' },
  { city: 'Austin', region: 'TX', country: 'US', postalCode: '73301' },
  { city: 'Shanghai', region: 'SH', country: 'CN', postalCode: '200000' },
  { city: 'Taipei', region: 'TPE', country: 'TW', postalCode: '100' },
  { city: 'London', region: 'LDN', country: 'GB', postalCode: 'SW1A 1AA' },
];
const products = [
  { name: 'Merino crew sweater', price: 8900 },
  { name: 'Canvas tote bag', price: 2400 },
  { name: 'Ceramic pour-over set', price: 4600 },
  { name: 'Linen bed sheet, queen', price: 12_900 },
  { name: 'Wool socks, 3 pairs', price: 1800 },
  { name: 'Leather card wallet', price: 3900 },
  { name: 'Oolong tea sampler', price: 2900 },
  { name: 'Rain jacket', price: 15_900 },
];
const carriers = ['Canada Post', 'UPS', 'FedEx', 'SF Express', 'Royal Mail'];
// Most orders in a shop are done; a few are in flight, cancelled or refunded.
const statusWeights: readonly [OrderStatus, number][] = [
  ['delivered', 0.62],
  ['shipped', 0.1],
  ['partially_shipped', 0.02],
  ['processing', 0.05],
  ['paid', 0.04],
  ['pending', 0.03],
  ['cancelled', 0.08],
  ['refunded', 0.06],
];

/**
 * Generates shoppers one at a time, each with 1–8 orders (mean 4.5) spread over the two years
 * before `now`, with numbers handed out consecutively. Deterministic for a seed.
 */
export function createProfileDataset(options: { seed: number; now: Date }) {
  const random = createRandom(options.seed);
  const now = options.now;
  let nextOrder = 0;
  let nextCustomer = 0;

  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('pick: empty list');
    return item;
  };
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const pickStatus = (): OrderStatus => {
    let roll = random();
    for (const [status, weight] of statusWeights) {
      roll -= weight;
      if (roll < 0) return status;
    }
    return 'delivered';
  };

  function shipmentFor(number: string, status: OrderStatus, placedAt: Date): Shipment[] {
    if (status !== 'shipped' && status !== 'partially_shipped' && status !== 'delivered') return [];
    const shippedAt = new Date(placedAt.getTime() + between(1, 2) * dayMs);
    const estimatedDelivery = new Date(shippedAt.getTime() + between(2, 6) * dayMs);
    const location = pick(cities);
    const events: TrackingEvent[] = [
      { at: shippedAt, status: 'label_created', description: 'Shipping label created' },
      {
        at: new Date(shippedAt.getTime() + 6 * 3_600_000),
        status: 'in_transit',
        location: location.city,
        description: 'Departed facility',
      },
    ];
    const delivered = status === 'delivered';
    const deliveredAt = delivered ? new Date(Math.min(now.getTime(), estimatedDelivery.getTime())) : undefined;
    if (deliveredAt)
      events.push({ at: deliveredAt, status: 'delivered', location: location.city, description: 'Delivered' });
    return [
      {
        id: `shp_${number}`,
        carrier: pick(carriers),
        trackingNumber: `TRK${number}${between(10, 99)}`,
        status: delivered ? 'delivered' : 'in_transit',
        shippedAt,
        estimatedDelivery,
        ...(deliveredAt ? { deliveredAt } : {}),
        events,
      },
    ];
  }

  function order(customerId: string, identity: { email: string; name: string; locale: string }, placedAt: Date): Order {
    const number = orderNumberAt(nextOrder++);
    const status = pickStatus();
    const lineItems: LineItem[] = [];
    const itemCount = between(1, 3);
    for (let i = 0; i < itemCount; i++) {
      const product = pick(products);
      lineItems.push({
        sku: `SKU-${products.indexOf(product) + 100}`,
        name: product.name,
        quantity: between(1, 3),
        unitPrice: product.price,
      });
    }
    const subtotal = lineItems.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
    const shipping = subtotal >= 10_000 ? 0 : 900;
    const discount = random() < 0.2 ? Math.round(subtotal * 0.1) : 0;
    const tax = Math.round((subtotal - discount) * 0.13);
    const total = subtotal + shipping + tax - discount;
    const place = pick(cities);
    const sourceUpdatedAt = new Date(Math.min(now.getTime(), placedAt.getTime() + between(0, 5) * dayMs));
    return {
      number,
      customerId,
      email: identity.email,
      customerName: identity.name,
      customerLocale: identity.locale,
      placedAt,
      sourceUpdatedAt,
      ingestedAt: sourceUpdatedAt,
      status,
      currency: 'USD',
      lineItems,
      totals: { subtotal, shipping, tax, discount, total, refunded: status === 'refunded' ? total : 0 },
      shippingAddress: { name: identity.name, line1: `${between(1, 999)} Main Street`, ...place },
      shipments: shipmentFor(number, status, placedAt),
    };
  }

  return {
    /** Orders generated so far. */
    get orderCount(): number {
      return nextOrder;
    },
    /** Customers generated so far. */
    get customerCount(): number {
      return nextCustomer;
    },

    /** The next shopper with at most `maxOrders` orders (fewer at the end of a phase, so phases end on exact sizes). */
    nextCustomer(maxOrders: number): GeneratedCustomer {
      const index = nextCustomer++;
      const id = customerIdAt(index);
      const name = `${pick(firstNames)} ${pick(lastNames)}`;
      const identity = { email: `shopper.${id}@example.com`, name, locale: pick(locales) };
      const count = Math.max(1, Math.min(maxOrders, between(1, 8)));
      const times = Array.from({ length: count }, () => now.getTime() - Math.floor(random() * 730 * dayMs)).sort(
        (a, b) => a - b,
      );
      const orders = times.map((time) => order(id, identity, new Date(time)));
      const built = buildCustomerFromOrders(orders.map(orderFacts), defaultProfilePolicy, now);
      if (!built) throw new Error(`customer ${id}: no orders to build from`);
      // The service stores version 1 after a customer's first write and counts up from there.
      return { customer: { ...built, version: count }, orders };
    },
  };
}

/** An order as the service stores it (`_id` = order number). */
export const orderDocument: (order: Order) => OrderDocument = orderToDocument;

/** A customer as the service stores it (`_id` = customer id). */
export const customerDocument: (customer: Customer) => CustomerDocument = customerToDocument;
