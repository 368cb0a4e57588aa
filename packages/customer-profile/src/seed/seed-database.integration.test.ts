import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import {
  guestCustomerId,
  createCustomerProfileService,
  type CustomerProfileService,
} from '../service/customer-profile-service.ts';
import { makeOrder } from '../test-support/order-factory.ts';
import { createDemoData } from './demo-data.ts';
import { seedDatabase, seedMarkerId, summarizeSeededData } from './seed-database.ts';

const now = new Date('2026-11-23T12:00:00Z');
const clock = (): Date => new Date(now.getTime() + 3_600_000);

function expectedOrders(customers: number): number {
  return [...createDemoData({ seed: 42, now }).customers(0, customers)].reduce(
    (sum, customer) => sum + customer.orders.length,
    0,
  );
}

async function snapshot(service: CustomerProfileService) {
  const [orders, customers, histogram] = await Promise.all([
    service.models.Orders.find({}).sort({ _id: 1 }).lean(),
    service.models.Customers.find({}).sort({ _id: 1 }).lean(),
    service.models.ValueHistograms.findById('historicalLtv').lean(),
  ]);
  return {
    // ingestedAt records the write, not the data.
    orders: orders.map(({ ingestedAt: _ingestedAt, ...order }) => order),
    customers: customers.map(({ version: _version, updatedAt: _updatedAt, ...customer }) => customer),
    histogram: histogram?.counts,
  };
}

describe('seedDatabase', () => {
  let db: TestDatabase;
  let other: TestDatabase;
  let service: CustomerProfileService;

  beforeAll(async () => {
    [db, other] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    service = createCustomerProfileService({ connection: db.connection, clock });
    await service.init();
  });
  afterAll(async () => {
    await Promise.all([db.drop(), other.drop()]);
  });

  it('writes the demo customers and generated ones, and records what it wrote', async () => {
    const progress: number[] = [];
    const result = await seedDatabase(service, {
      seed: 42,
      customers: 40,
      now,
      batchSize: 25,
      clock,
      onProgress: ({ done }) => progress.push(done),
    });
    const orders = expectedOrders(40);
    expect(result).toMatchObject({ seed: 42, now, from: 0, to: 40, generated: orders, ingested: orders, rejected: [] });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(40);
    expect(await service.models.Customers.countDocuments()).toBe(40);
    expect(await service.models.Orders.countDocuments()).toBe(orders);
  });

  it('reports the same counts the collections give', async () => {
    const summary = await summarizeSeededData(service);
    const { Orders, Customers } = service.models;
    const counts = (rows: Array<{ _id: string; count: number }>) =>
      Object.fromEntries(rows.map((row) => [row._id, row.count]));
    expect(summary).toEqual({
      seed: 42,
      now,
      customers: 40,
      orders: expectedOrders(40),
      ordersByStatus: counts(await Orders.aggregate([{ $group: { _id: '$status', count: { $sum: 1 } } }])),
      shipmentsByStatus: counts(
        await Orders.aggregate([
          { $unwind: '$shipments' },
          { $group: { _id: '$shipments.status', count: { $sum: 1 } } },
        ]),
      ),
      customersByTier: counts(await Customers.aggregate([{ $group: { _id: '$tier', count: { $sum: 1 } } }])),
    });
  });

  it('gives the demo customers their documented orders and tiers', async () => {
    const order = await service.getOrder('#1042');
    expect(order).toMatchObject({ customerId: 'cus_demo_alice', email: 'alice.walker@example.com', status: 'shipped' });
    expect(order?.shipments[0]).toMatchObject({
      carrier: 'UPS',
      trackingNumber: '1ZA84R271659451643',
      status: 'in_transit',
    });
    const tiers = await Promise.all(
      [
        'cus_demo_grace',
        'cus_demo_zhangwei',
        'cus_demo_emily',
        'cus_demo_alice',
        'cus_demo_meihua',
        'cus_demo_bob',
      ].map(async (id) => [id, (await service.getCustomer(id))?.tier]),
    );
    expect(Object.fromEntries(tiers)).toEqual({
      cus_demo_grace: 'platinum',
      cus_demo_zhangwei: 'gold',
      cus_demo_emily: 'gold',
      cus_demo_alice: 'silver',
      cus_demo_meihua: 'silver',
      cus_demo_bob: 'bronze',
    });
    const guest = await service.getCustomer(guestCustomerId('sam.rivera@example.com'));
    expect(guest?.recentOrders.map((recent) => recent.orderId)).toEqual(['1044']);
  });

  it('does nothing when run again with the same seed', async () => {
    const before = await snapshot(service);
    const result = await seedDatabase(service, { seed: 42, customers: 40, clock });
    expect(result).toMatchObject({ now, from: 40, to: 40, generated: 0, ingested: 0 });
    expect(await snapshot(service)).toEqual(before);
  });

  it('extends to more customers exactly as one larger run would have written them', async () => {
    const result = await seedDatabase(service, { seed: 42, customers: 70, batchSize: 25, clock });
    expect(result).toMatchObject({
      from: 40,
      to: 70,
      generated: expectedOrders(70) - expectedOrders(40),
      rejected: [],
    });

    const direct = createCustomerProfileService({ connection: other.connection, clock });
    await direct.init();
    await seedDatabase(direct, { seed: 42, customers: 70, now, batchSize: 1000, clock });
    expect(await snapshot(service)).toEqual(await snapshot(direct));
    expect((await summarizeSeededData(service))?.orders).toBe(expectedOrders(70));
  });

  it('resumes after a crash, re-writing the unconfirmed customers as no-ops', async () => {
    const before = await snapshot(service);
    // As if the process died after writing customers 55–70 but before recording them.
    await service.models.Settings.updateOne({ _id: seedMarkerId }, { $set: { 'value.done': 55 } });
    const result = await seedDatabase(service, { seed: 42, customers: 70, batchSize: 25, clock });
    expect(result).toMatchObject({ from: 55, to: 70, rejected: [] });
    expect(result.ingested).toBe(result.generated);
    expect(await snapshot(service)).toEqual(before);
  });

  it('refuses another seed, another reference time, or a database with other data, unless forced', async () => {
    await expect(seedDatabase(service, { seed: 7, customers: 70, clock })).rejects.toMatchObject({
      code: 'loyaldesk:seed_mismatch',
      message: expect.stringContaining('--seed 42 (this run asked for --seed 7)'),
    });
    await expect(
      seedDatabase(service, { seed: 42, customers: 70, now: new Date('2026-11-01T00:00:00Z'), clock }),
    ).rejects.toMatchObject({
      code: 'loyaldesk:seed_mismatch',
    });

    await other.connection.dropDatabase();
    const foreign = createCustomerProfileService({ connection: other.connection, clock });
    await foreign.init();
    await foreign.ingestOrder(
      makeOrder({ number: 'SHOP-1', customer: { id: 'cus_real', email: 'real.customer@example.com' } }),
    );
    await expect(seedDatabase(foreign, { seed: 42, customers: 12, now, clock })).rejects.toMatchObject({
      code: 'loyaldesk:database_not_empty',
    });
    const forced = await seedDatabase(foreign, { seed: 42, customers: 12, now, force: true, clock });
    expect(forced).toMatchObject({ from: 0, to: 12, rejected: [] });
    expect(await foreign.models.Customers.countDocuments()).toBe(13);
  });
});
