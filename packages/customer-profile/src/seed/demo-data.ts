import type { ParsedOrderInput } from '../schemas/order.ts';
import { demoCustomers, demoOrderCount, demoOrders, firstOrderNumber } from './demo-customers.ts';
import { createCustomerGenerator } from './generate-customer.ts';
import { orderAt } from './order-plan.ts';

export interface DemoDataOptions {
  /** Same seed, same data, byte for byte. */
  seed: number;
  /** The reference time: orders fall in the two years before it and shipments are tracked as of it. */
  now: Date;
}

/** One customer's orders, oldest first (`OrderInput`s with defaults filled and real dates). */
export interface SeedCustomer {
  /** 0-based place in the sequence: the demo customers first, then generated ones. */
  position: number;
  orders: ParsedOrderInput[];
}

/** Orders of whole customers, so a customer is never split between two bulk writes. */
export interface SeedBatch {
  orders: ParsedOrderInput[];
  /** Positions `from` (inclusive) to `to` (exclusive). */
  from: number;
  to: number;
}

/** How many customers the fixed demo block holds; `--customers` must be at least this. */
export const demoCustomerCount = demoCustomers.length;

/**
 * The demo shop's data as a sequence of customers: the fixed demo customers, then generated ones
 * from `(seed, position)` alone. Any range can be generated on its own and equals the same range
 * of a longer run (order numbers included), which is what makes seeding resumable and extendable.
 * @example for (const batch of createDemoData({ seed: 42, now }).batches({ from: 0, to: 5000 })) await ingest(batch.orders);
 */
export function createDemoData(options: DemoDataOptions) {
  const { now } = options;
  const generator = createCustomerGenerator(options.seed);
  let demoByCustomer: ParsedOrderInput[][] | undefined;

  const demoBlock = (): ParsedOrderInput[][] => {
    if (!demoByCustomer) {
      const all = demoOrders(now);
      demoByCustomer = demoCustomers.map((customer) => all.filter((order) => order.customer.email === customer.email));
    }
    return demoByCustomer;
  };

  /** The first order number of generated customer `serial` (1-based): after the demo block and every earlier customer's orders. */
  function firstOrderNumberOf(serial: number): number {
    let next = firstOrderNumber + demoOrderCount;
    for (let earlier = 1; earlier < serial; earlier++) next += generator.orderCount(earlier);
    return next;
  }

  /** Customers at positions [from, to). */
  function* customers(from: number, to: number): Generator<SeedCustomer> {
    let position = Math.max(0, from);
    for (; position < Math.min(to, demoCustomerCount); position++) {
      yield { position, orders: demoBlock()[position] ?? [] };
    }
    if (position >= to) return;
    let serial = position - demoCustomerCount + 1;
    let nextNumber = firstOrderNumberOf(serial);
    for (; position < to; position++, serial++) {
      const plan = generator.customer(serial, nextNumber, now);
      nextNumber += plan.orders.length;
      yield { position, orders: plan.orders.map((order) => orderAt(order, now)) };
    }
  }

  /** Customers at positions [from, to) in batches of about `batchSize` orders, whole customers each. */
  function* batches(range: { from: number; to: number; batchSize?: number }): Generator<SeedBatch> {
    const batchSize = range.batchSize ?? 1000;
    let batch: SeedBatch = { orders: [], from: range.from, to: range.from };
    for (const customer of customers(range.from, range.to)) {
      batch.orders.push(...customer.orders);
      batch.to = customer.position + 1;
      if (batch.orders.length >= batchSize) {
        yield batch;
        batch = { orders: [], from: batch.to, to: batch.to };
      }
    }
    if (batch.to > batch.from) yield batch;
  }

  return { customers, batches, firstOrderNumberOf, orderCount: generator.orderCount };
}
