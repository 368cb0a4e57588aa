import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../schemas/customer.ts';
import { orderInputSchema, type Order } from '../schemas/order.ts';
import { defaultProfilePolicy } from '../schemas/policy.ts';
import { makeOrder } from '../test-support/order-factory.ts';
import { applyOrderToCustomer, buildCustomerFromOrders, customerAsOf, orderFacts } from './customer-state.ts';

const now = new Date('2026-06-01T00:00:00Z');

function storedOrder(number: string, dayOffset: number, total: number, status: Order['status'], version: number): Order {
  const parsed = orderInputSchema.parse(
    makeOrder({
      number,
      placedAt: new Date(now.getTime() - dayOffset * 86_400_000),
      status,
      totals: { subtotal: total, total },
      lineItems: [{ sku: 'X', name: 'Thing', quantity: 1, unitPrice: total }],
    }),
  );
  return {
    number: parsed.number,
    customerId: 'cus_1',
    email: parsed.customer.email,
    placedAt: parsed.placedAt,
    sourceUpdatedAt: new Date(parsed.placedAt.getTime() + version * 1000),
    ingestedAt: now,
    status: parsed.status,
    currency: parsed.currency,
    lineItems: parsed.lineItems,
    totals: parsed.totals,
    shipments: [],
  };
}

const orderArbitrary = fc.record({
  number: fc.integer({ min: 1000, max: 1030 }).map(String),
  dayOffset: fc.integer({ min: 0, max: 800 }),
  total: fc.integer({ min: 0, max: 200_000 }),
  status: fc.constantFrom<Order['status']>('paid', 'delivered', 'cancelled', 'refunded', 'shipped'),
  version: fc.integer({ min: 0, max: 3 }),
});

/** The newest version of each order number, as the orders collection would hold it. */
function latestVersions(orders: Order[]): Order[] {
  const latest = new Map<string, Order>();
  for (const order of orders) {
    const current = latest.get(order.number);
    if (!current || current.sourceUpdatedAt < order.sourceUpdatedAt) latest.set(order.number, order);
  }
  return [...latest.values()];
}

describe('applyOrderToCustomer', () => {
  it('gives the same customer whatever the delivery order and however many repeats', () => {
    fc.assert(
      fc.property(fc.array(orderArbitrary, { minLength: 1, maxLength: 25 }), fc.integer(), (specs, seed) => {
        // Same number + same version must be the same order content (a re-delivery).
        const byKey = new Map<string, Order>();
        for (const s of specs) {
          const key = `${s.number}@${s.version}`;
          if (!byKey.has(key)) byKey.set(key, storedOrder(s.number, s.dayOffset, s.total, s.status, s.version));
        }
        const deliveries = specs.map((s) => byKey.get(`${s.number}@${s.version}`) as Order);
        const shuffled = [...deliveries, ...deliveries.slice(0, 5)].sort(
          (a, b) => ((a.number.charCodeAt(3) * 31 + seed) % 7) - ((b.number.charCodeAt(3) * 31 + seed) % 7),
        );
        let incremental: Customer | undefined;
        for (const order of shuffled) {
          incremental = applyOrderToCustomer(incremental, orderFacts(order), defaultProfilePolicy, now) ?? incremental;
        }
        const rebuilt = buildCustomerFromOrders(latestVersions(deliveries).map((o) => orderFacts(o)), defaultProfilePolicy, now);
        expect(incremental).toEqual(rebuilt);
      }),
      { numRuns: 200 },
    );
  });

  it('returns undefined for a re-delivery and for an older version', () => {
    const v2 = storedOrder('2001', 10, 5_000, 'delivered', 2);
    const customer = applyOrderToCustomer(undefined, orderFacts(v2), defaultProfilePolicy, now);
    expect(customer?.stats.orderCount).toBe(1);
    expect(applyOrderToCustomer(customer, orderFacts(v2), defaultProfilePolicy, now)).toBeUndefined();
    const v1 = storedOrder('2001', 10, 9_000, 'paid', 1);
    expect(applyOrderToCustomer(customer, orderFacts(v1), defaultProfilePolicy, now)).toBeUndefined();
  });

  it('applies a refund to an existing order instead of counting a second order', () => {
    const paid = storedOrder('2002', 5, 40_000, 'paid', 0);
    const refunded = storedOrder('2002', 5, 40_000, 'refunded', 1);
    const afterPaid = applyOrderToCustomer(undefined, orderFacts(paid), defaultProfilePolicy, now);
    const afterRefund = applyOrderToCustomer(afterPaid, orderFacts(refunded), defaultProfilePolicy, now);
    expect(afterPaid?.stats).toMatchObject({ orderCount: 1, totalSpent: 40_000 });
    expect(afterPaid?.tier).toBe('silver');
    expect(afterRefund?.stats).toMatchObject({ orderCount: 0, totalSpent: 0 });
    expect(afterRefund?.tier).toBe('bronze');
    expect(afterRefund?.ledger).toHaveLength(1);
    expect(afterRefund?.recentOrders.map((o) => o.status)).toEqual(['refunded']);
  });

  it('keeps only the five newest orders in the recent-orders copy', () => {
    let customer: Customer | undefined;
    for (let i = 0; i < 8; i++) {
      customer = applyOrderToCustomer(customer, orderFacts(storedOrder(`30${i}`, 100 - i * 10, 1_000, 'delivered', 0)), defaultProfilePolicy, now);
    }
    expect(customer?.recentOrders.map((o) => o.orderId)).toEqual(['307', '306', '305', '304', '303']);
    expect(customer?.stats.orderCount).toBe(8);
  });
});

describe('customerAsOf', () => {
  const big = defaultProfilePolicy.thresholds.platinum.minSpend;
  const stored = buildCustomerFromOrders([orderFacts(storedOrder('2001', 10, big, 'delivered', 0))], defaultProfilePolicy, now);

  it('drops an idle customer out of a tier once their spend leaves the window, without a write', () => {
    expect(stored?.tier).toBe('platinum');
    if (!stored) return;
    const windowEnds = new Date(now.getTime() + (defaultProfilePolicy.tierWindowDays - 10) * 86_400_000);
    const dayBefore = customerAsOf(stored, defaultProfilePolicy, new Date(windowEnds.getTime() - 86_400_000));
    const after = customerAsOf(stored, defaultProfilePolicy, windowEnds);
    expect(dayBefore.tier).toBe('platinum');
    expect(after.tier).toBe('bronze');
    expect(after.tierSince).toEqual(windowEnds);
    expect(after.tierHistory.map((change) => change.tier)).toEqual(['platinum', 'bronze']);
    expect(after.stats.windowSpent).toBe(0);
    // The stored facts are kept: lifetime value and the last write time do not move.
    expect(after.value.historicalLtv).toBe(big);
    expect(after.updatedAt).toEqual(stored.updatedAt);
  });

  it('applies an edited policy at once', () => {
    if (!stored) return;
    const stricter = {
      ...defaultProfilePolicy,
      thresholds: {
        ...defaultProfilePolicy.thresholds,
        platinum: { ...defaultProfilePolicy.thresholds.platinum, minSpend: big + 1 },
      },
    };
    expect(customerAsOf(stored, stricter, now).tier).toBe('gold');
  });
});

describe('applyOrderToCustomer with customer tags', () => {
  const vip = { tier: 'gold', tag: 'VIP' } as const;
  /** A stored order whose delivery carried `tags` (floor as ingestion found it), tags observed at its source time. */
  function tagged(number: string, version: number, tags: string[] | undefined, tierFloor?: typeof vip): Order {
    const order = storedOrder(number, 3, 1_000, 'paid', version);
    return tags ? { ...order, customerTags: { tags, ...(tierFloor ? { tierFloor } : {}), at: order.sourceUpdatedAt } } : order;
  }
  const apply = (orders: Order[]): Customer | undefined =>
    orders.reduce<Customer | undefined>((customer, order) => applyOrderToCustomer(customer, orderFacts(order), defaultProfilePolicy, now) ?? customer, undefined);

  it('keeps the tags and floor on the customer and ranks a new tagged customer at the floor', () => {
    const customer = apply([tagged('4001', 0, ['VIP', 'newsletter'], vip)]);
    expect(customer).toMatchObject({ tags: ['VIP', 'newsletter'], tierFloor: vip, tier: 'gold' });
    expect(customer?.tierReason).toMatch(/^gold: tagged "VIP"/);
  });

  it('removes the floor when a newer delivery carries the tags without the tag, and the tier drops to the computed one', () => {
    const customer = apply([tagged('4001', 0, ['VIP'], vip), tagged('4002', 5, ['newsletter'])]);
    expect(customer?.tierFloor).toBeUndefined();
    expect(customer?.tags).toEqual(['newsletter']);
    expect(customer?.tier).toBe('bronze');
  });

  it('takes the newest tags whatever the arrival order; a delivery without tags (a shipment update) keeps them', () => {
    const older = tagged('4001', 0, ['VIP'], vip);
    const newer = tagged('4002', 5, []);
    expect(apply([newer, older])).toEqual(apply([older, newer]));
    expect(apply([newer, older])?.tierFloor).toBeUndefined();
    const withShipmentUpdate = apply([older, tagged('4001', 9, undefined)]);
    expect(withShipmentUpdate).toMatchObject({ tags: ['VIP'], tierFloor: vip, tier: 'gold' });
  });
});
