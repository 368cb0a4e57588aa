import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '@loyaldesk/platform/errors';
import { DuplicateKeyError, ValidationError } from '@loyaldesk/platform/errors';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { retentionReport } from '../metrics/retention.ts';
import { valueBucketCount } from '../rules/value.ts';
import { orderInputSchema, type OrderInput } from '../schemas/order.ts';
import { makeOrder } from '../test-support/order-factory.ts';
import {
  createCustomerProfileService,
  guestCustomerId,
  type CustomerProfileService,
} from './customer-profile-service.ts';

const now = new Date('2026-06-01T00:00:00Z');
const clock = (): Date => now;
const daysAgo = (n: number): Date => new Date(now.getTime() - n * 86_400_000);

/** A deterministic pseudo-random stream (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomOrders(count: number, customers: number, seed: number): OrderInput[] {
  const next = random(seed);
  const statuses = ['paid', 'shipped', 'delivered', 'delivered', 'cancelled', 'refunded'] as const;
  return Array.from({ length: count }, (_, i) => {
    const c = Math.floor(next() * customers);
    const price = 500 + Math.floor(next() * 60_000);
    return makeOrder({
      number: String(5000 + i),
      // Tags by index (the random stream is left as it was): VIP (a gold floor), another tag, none, or not told.
      customer: {
        id: `cus_${c}`,
        email: `customer${c}@example.com`,
        name: `Customer ${c}`,
        ...([{ tags: ['VIP'] }, { tags: ['newsletter'] }, { tags: [] }, {}][i % 4] ?? {}),
      },
      placedAt: daysAgo(Math.floor(next() * 700)),
      status: statuses[Math.floor(next() * statuses.length)] ?? 'paid',
      lineItems: [{ sku: 'SKU', name: 'Thing', quantity: 1, unitPrice: price }],
      totals: { subtotal: price, total: price },
    });
  });
}

describe('CustomerProfileService', () => {
  let db: TestDatabase;
  let service: CustomerProfileService;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = createCustomerProfileService({ connection: db.connection, clock });
    await service.init();
  });
  afterAll(() => db.drop());

  it('ingests a new order: stores it by number and creates the customer with stats, tier and value', async () => {
    const result = await service.ingestOrder(
      makeOrder({
        number: '#1042',
        customer: { id: 'cus_ada', email: 'Ada@Example.com', name: 'Ada' },
        placedAt: daysAgo(3),
        totals: { subtotal: 30_000, total: 30_000 },
      }),
    );
    expect(result.orderOutcome).toBe('created');
    expect(result.tierChange).toEqual({ from: null, to: 'silver' });
    expect((await service.getOrder('1042'))?.email).toBe('ada@example.com');
    const customer = await service.getCustomer('cus_ada');
    expect(customer?.stats).toMatchObject({ orderCount: 1, totalSpent: 30_000, averageOrderValue: 30_000 });
    expect(customer?.tier).toBe('silver');
    expect(customer?.recentOrders.map((o) => o.orderId)).toEqual(['1042']);
    expect(customer?.value.historicalLtv).toBe(30_000);
    expect(customer?.value.percentile).toBeGreaterThan(0);
  });

  it('reads the tier as of now and under the current policy, without rewriting the customer', async () => {
    await service.ingestOrder(
      makeOrder({
        number: '7001',
        customer: { id: 'cus_idle', email: 'idle@example.com', name: 'Idle' },
        placedAt: daysAgo(300),
        lineItems: [{ sku: 'SKU', name: 'Thing', quantity: 1, unitPrice: 120_000 }],
        totals: { subtotal: 120_000, total: 120_000 },
      }),
    );
    expect((await service.getCustomer('cus_idle'))?.tier).toBe('gold');
    // 70 days later the order has left the 365-day window: bronze, dated the day it left.
    const later = new Date(now.getTime() + 70 * 86_400_000);
    const readLater = createCustomerProfileService({ connection: db.connection, clock: () => later });
    const idle = await readLater.getCustomer('cus_idle');
    expect(idle?.tier).toBe('bronze');
    expect(idle?.tierSince).toEqual(new Date(daysAgo(300).getTime() + 365 * 86_400_000));
    expect((await readLater.getCustomerByEmail('idle@example.com'))?.tier).toBe('bronze');
    // A policy edit applies to readers at once (a new reader: each caches the policy for 2 s).
    const policy = await service.getProfilePolicy();
    await service.updateProfilePolicy({
      ...policy,
      thresholds: { ...policy.thresholds, gold: { minSpend: 150_000, minOrders: 6 } },
    });
    const reader = createCustomerProfileService({ connection: db.connection, clock });
    expect((await reader.getCustomer('cus_idle'))?.tier).toBe('silver');
    await service.updateProfilePolicy(policy);
  });

  it('ignores a re-delivery and an older version; applies a newer one (shipment added)', async () => {
    const base = makeOrder({
      number: '2001',
      customer: { id: 'cus_bo', email: 'bo@example.com' },
      placedAt: daysAgo(5),
    });
    await service.ingestOrder(base);
    expect((await service.ingestOrder(base)).orderOutcome).toBe('unchanged');
    const shipped = {
      ...base,
      status: 'shipped' as const,
      updatedAt: daysAgo(4),
      shipments: [
        {
          id: 'shp_1',
          carrier: 'UPS',
          trackingNumber: '1Z999AA10123456784',
          status: 'in_transit' as const,
          events: [
            { at: daysAgo(4), status: 'in_transit' as const, location: 'Leeds', description: 'Departed facility' },
          ],
        },
      ],
    };
    expect((await service.ingestOrder(shipped)).orderOutcome).toBe('updated');
    expect((await service.ingestOrder({ ...base, updatedAt: daysAgo(5) })).orderOutcome).toBe('stale');
    const order = await service.getOrder('2001');
    expect(order?.status).toBe('shipped');
    expect(order?.shipments[0]?.events[0]?.location).toBe('Leeds');
    const customer = await service.getCustomer('cus_bo');
    expect(customer?.stats.orderCount).toBe(1);
    expect(customer?.recentOrders[0]?.shipments[0]?.trackingNumber).toBe('1Z999AA10123456784');
  });

  it('counts 50 concurrent deliveries of 10 orders for one customer exactly once each', async () => {
    const orders = Array.from({ length: 10 }, (_, i) =>
      makeOrder({
        number: `3${String(i).padStart(3, '0')}`,
        customer: { id: 'cus_busy', email: 'busy@example.com' },
        placedAt: daysAgo(10 + i),
        lineItems: [{ sku: 'S', name: 'Thing', quantity: 1, unitPrice: 1_000 * (i + 1) }],
        totals: { subtotal: 1_000 * (i + 1), total: 1_000 * (i + 1) },
      }),
    );
    const deliveries = Array.from({ length: 50 }, (_, i) => orders[i % 10]);
    const results = await Promise.all(deliveries.map((order) => service.ingestOrder(order)));
    expect(results.filter((r) => r.orderOutcome === 'created')).toHaveLength(10);
    const customer = await service.getCustomer('cus_busy');
    expect(customer?.stats.orderCount).toBe(10);
    expect(customer?.stats.totalSpent).toBe(55_000); // 1,000 × (1 + … + 10)
    expect(customer?.tier).toBe('gold'); // 10 orders ≥ 6
  });

  it('keys guest orders by email and reports validation errors by field', async () => {
    const guest = await service.ingestOrder(makeOrder({ number: '4001', customer: { email: 'guest@example.com' } }));
    expect(guest.customer.id).toBe(guestCustomerId('guest@example.com'));

    const bad = await service
      .ingestOrder(makeOrder({ number: '4002', totals: { subtotal: 10, total: -5 } }))
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).field).toBe('totals.total');

    const wrongCurrency = await service
      .ingestOrder(makeOrder({ number: '4003', currency: 'EUR' }))
      .catch((e: unknown) => e);
    expect((wrongCurrency as ValidationError).field).toBe('currency');
    expect(await service.getOrder('4002')).toBeNull();
  });

  it('refuses an email that belongs to another customer, and an order moving between customers', async () => {
    await service.ingestOrder(makeOrder({ number: '4101', customer: { id: 'cus_x', email: 'x@example.com' } }));
    const taken = await service
      .ingestOrder(makeOrder({ number: '4102', customer: { id: 'cus_y', email: 'x@example.com' } }))
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(DuplicateKeyError);
    const moved = await service
      .ingestOrder(makeOrder({ number: '4101', customer: { id: 'cus_z', email: 'z@example.com' } }))
      .catch((e: unknown) => e);
    expect((moved as AppError).code).toBe('loyaldesk:order_customer_mismatch');
    expect((await service.getCustomer('cus_x'))?.stats.orderCount).toBe(1);
  });

  it('refuses an existing customer changing to an email another customer has (an update, not an insert)', async () => {
    await service.ingestOrder(makeOrder({ number: '4201', customer: { id: 'cus_a', email: 'a@example.com' } }));
    await service.ingestOrder(makeOrder({ number: '4202', customer: { id: 'cus_b', email: 'b@example.com' } }));
    const taken = await service
      .ingestOrder(makeOrder({ number: '4203', customer: { id: 'cus_b', email: 'a@example.com' } }))
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(DuplicateKeyError);
    expect((taken as DuplicateKeyError).field).toBe('customer.email');
    expect((await service.getCustomer('cus_b'))?.email).toBe('b@example.com');
  });
});

describe('CustomerProfileService rebuild and bulk ingestion', () => {
  let incrementalDb: TestDatabase;
  let bulkDb: TestDatabase;
  let incremental: CustomerProfileService;
  let bulk: CustomerProfileService;
  const orders = randomOrders(300, 40, 7);

  beforeAll(async () => {
    [incrementalDb, bulkDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    const tierFloorTags = new Map([['vip', 'gold' as const]]);
    incremental = createCustomerProfileService({ connection: incrementalDb.connection, clock, tierFloorTags });
    bulk = createCustomerProfileService({ connection: bulkDb.connection, clock, tierFloorTags });
    await Promise.all([incremental.init(), bulk.init()]);
    // Incremental: each order once, 8 at a time, in shuffled order, some delivered twice.
    const deliveries = [...orders, ...orders.slice(0, 60)].sort(
      (a, b) => ((a.number.length + Number(a.number) * 7919) % 13) - ((b.number.length + Number(b.number) * 7919) % 13),
    );
    for (let i = 0; i < deliveries.length; i += 8) {
      await Promise.all(deliveries.slice(i, i + 8).map((order) => incremental.ingestOrder(order)));
    }
    // Bulk: in two batches, the second overlapping the first (re-delivery through the bulk path).
    await bulk.bulkIngestOrders(orders.slice(0, 200));
    await bulk.bulkIngestOrders(orders.slice(150));
  });
  afterAll(async () => {
    await Promise.all([incrementalDb.drop(), bulkDb.drop()]);
  });

  async function snapshot(service: CustomerProfileService) {
    const customers = await service.models.Customers.find({}).sort({ _id: 1 }).lean();
    // Read the histogram document itself: valueHistogram() may answer from its short cache.
    const histogram = (await service.models.ValueHistograms.findById('historicalLtv').lean())?.counts ?? [];
    // version counts writes, so it differs between paths by design; everything else must match.
    return { customers: customers.map(({ version: _version, ...rest }) => rest), histogram };
  }

  it('rebuild == incremental: recomputing every customer from the orders changes nothing', async () => {
    const before = await snapshot(incremental);
    expect(before.customers).toHaveLength(40);
    // Both kinds are covered: customers whose newest tags carry VIP (a floor) and ones whose do not.
    expect(before.customers.filter((customer) => customer.tierFloor).length).toBeGreaterThan(0);
    expect(before.customers.filter((customer) => customer.tagsFrom && !customer.tierFloor).length).toBeGreaterThan(0);
    const result = await incremental.rebuildProfiles();
    expect(result).toMatchObject({ orders: 300, customers: 40 });
    const after = await snapshot(incremental);
    expect(after.customers).toEqual(before.customers);
    expect(after.histogram).toEqual(before.histogram);
    expect(before.histogram.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it('repairs a customer whose write was lost (crash between the order and customer writes)', async () => {
    const expected = await incremental.getCustomer('cus_3');
    await incremental.models.Customers.updateOne({ _id: 'cus_3' }, { $set: { 'stats.orderCount': 0, ledger: [] } });
    await incremental.rebuildProfiles();
    expect(await incremental.getCustomer('cus_3')).toEqual(expected);
  });

  it('bulk ingestion gives the same customers as one-by-one ingestion', async () => {
    const one = await snapshot(incremental);
    const other = await snapshot(bulk);
    expect(other.customers).toEqual(one.customers);
    expect(other.histogram).toEqual(one.histogram);
    expect(other.histogram).toHaveLength(valueBucketCount);
  });

  it('bulk ingestion reports bad orders by index and keeps going', async () => {
    const inputs: unknown[] = [
      makeOrder({ number: '9001', customer: { id: 'cus_new1', email: 'new1@example.com' } }),
      { number: '9002' },
      makeOrder({ number: '9003', customer: { id: 'cus_new2', email: 'new2@example.com' }, currency: 'EUR' }),
    ];
    const result = await bulk.bulkIngestOrders(inputs);
    expect(result.ingested).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.error.field])).toEqual([
      [1, 'customer'],
      [2, 'currency'],
    ]);
  });

  it('computes retention over the stored customers exactly as the pure report does', async () => {
    const period = { start: daysAgo(180), end: daysAgo(90) };
    const stored = await incremental.retentionReport(period, 365);
    const byCustomer = new Map<string, Array<{ placedAt: Date; net: number }>>();
    for (const order of orders) {
      if (['cancelled', 'refunded', 'pending'].includes(order.status)) continue;
      const id = order.customer.id ?? '';
      const list = byCustomer.get(id) ?? [];
      list.push({ placedAt: orderInputSchema.parse(order).placedAt, net: order.totals.total });
      byCustomer.set(id, list);
    }
    const expected = retentionReport(
      [...byCustomer.entries()].map(([customerId, purchases]) => ({ customerId, purchases })),
      period,
      365,
    );
    expect(stored).toEqual(expected);
    expect(stored.customersAtStart).toBeGreaterThan(10);
  });
});
