import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { startTestApp, type TestApp } from '../../testing/test-app.ts';
import { syncWooCommerceOrders, type WooCommerceSyncDeps } from './woocommerce-order-sync.ts';
import { WooCommerceRestError } from './woocommerce-rest-client.ts';
import { createWooCommerceStore } from './woocommerce-store.ts';
import { startFakeWooCommerceShop, type FakeWooCommerceShop } from './testing/fake-woocommerce-shop.ts';
import { wooOrder } from './testing/woocommerce-fixtures.ts';

const credentials = { consumerKey: 'ck_0123456789abcdef0123456789abcdef01234567', consumerSecret: 'cs_0123456789abcdef0123456789abcdef01234567' };
const now = new Date('2026-12-01T00:00:00Z');

describe('syncWooCommerceOrders', () => {
  let app: TestApp;
  let db: Db;
  let shop: FakeWooCommerceShop;

  beforeAll(async () => {
    app = await startTestApp();
    const database = app.db.connection.db;
    if (!database) throw new Error('test database not open');
    db = database;
  });
  afterAll(async () => {
    await app.stop();
  });
  beforeEach(async () => {
    shop = await startFakeWooCommerceShop(credentials);
  });
  afterEach(async () => {
    await shop.close();
    await db.collection('woocommerce_sync').deleteMany({});
  });

  const depsFor = (rest: WooCommerceSyncDeps['rest'], perPage = 3): WooCommerceSyncDeps => ({
    db,
    rest,
    profiles: app.profiles,
    tickets: app.ticketing.tickets,
    clock: () => now,
    perPage,
  });

  it('pages through every order modified since the last run, skips and reports a malformed one, and carries on from its cursor', async () => {
    const emailOf = (id: number) => `sync.${id}@example.com`;
    for (let id = 101; id <= 107; id++) {
      shop.put(wooOrder({ id, customerId: id, email: emailOf(id), createdAt: `2026-11-2${id - 100}T08:00:00`, modifiedAt: `2026-11-2${id - 100}T09:00:00` }));
    }
    // Two orders modified in the same second; one whose total is not money, one not shaped as an order.
    shop.put(wooOrder({ id: 108, customerId: 108, email: emailOf(108), modifiedAt: '2026-11-27T09:00:00' }));
    shop.put({ ...wooOrder({ id: 109, customerId: 109, email: emailOf(109), modifiedAt: '2026-11-23T10:00:00' }), total: 'ninety' });
    shop.put({ ...wooOrder({ id: 111, customerId: 111, email: emailOf(111), modifiedAt: '2026-11-24T10:00:00' }), line_items: 'none' });

    const first = await syncWooCommerceOrders(depsFor({ url: shop.url, ...credentials }));
    expect(first.complete).toBe(true);
    expect(first.outcomes).toMatchObject({ created: 8, updated: 0, stale: 0 });
    expect(first.skipped).toEqual([
      expect.objectContaining({ id: 109, number: '109', field: 'total' }),
      expect.objectContaining({ id: 111, field: 'line_items' }),
    ]);
    expect(first.requests).toBeGreaterThanOrEqual(3);
    expect(first.modifiedUpTo).toEqual(new Date('2026-11-27T09:00:00Z'));
    // The first run reads the last 30 days; each later request starts one second before the newest stored.
    expect(shop.requests[0]).toEqual({ modifiedAfter: '2026-10-31T23:59:59', page: 1, perPage: 3 });
    expect(shop.requests.slice(1).every((request) => request.modifiedAfter !== '2026-10-31T23:59:59')).toBe(true);
    for (let id = 101; id <= 108; id++) expect(await app.profiles.getOrder(String(id)), `order ${id}`).not.toBeNull();
    expect(await app.profiles.getOrder('109')).toBeNull();
    expect(await app.profiles.getOrder('111')).toBeNull();
    expect(await createWooCommerceStore(db).syncCursor(first.shop)).toEqual(new Date('2026-11-27T09:00:00Z'));

    // Order 103 is completed with tracking, modified twice since; one new order arrives.
    shop.put(wooOrder({ id: 103, customerId: 103, email: emailOf(103), status: 'processing', createdAt: '2026-11-23T08:00:00', modifiedAt: '2026-11-28T09:00:00' }));
    shop.put(
      wooOrder({ id: 103, customerId: 103, email: emailOf(103), status: 'completed', createdAt: '2026-11-23T08:00:00', modifiedAt: '2026-11-29T09:00:00', tracking: [{ provider: 'ups', trackingNumber: '1Z999AA10123456784' }] }),
    );
    shop.put(wooOrder({ id: 110, customerId: 110, email: emailOf(110), createdAt: '2026-11-29T12:00:00' }));
    const requestsBefore = shop.requests.length;
    const second = await syncWooCommerceOrders(depsFor({ url: shop.url, ...credentials }));
    expect(shop.requests[requestsBefore]).toMatchObject({ modifiedAfter: '2026-11-27T08:59:59', page: 1 });
    // 103 updated to its newest state, 110 created; unchanged re-reads: 107 and 108 (the cursor's own
    // second) and 103 once more (the next page starts one second before the newest stored).
    expect(second.outcomes).toEqual({ created: 1, updated: 1, unchanged: 3, stale: 0, ignored: 0 });
    expect(await app.profiles.getOrder('103')).toMatchObject({
      status: 'shipped',
      shipments: [expect.objectContaining({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784' })],
    });
    expect(second.modifiedUpTo).toEqual(new Date('2026-11-29T12:00:00Z'));
  });

  it('moves the cursor only past pages it stored: a failing page ends the run, the next run resumes', async () => {
    for (let id = 201; id <= 206; id++) {
      shop.put(wooOrder({ id, customerId: id, email: `resume.${id}@example.com`, createdAt: `2026-11-2${id - 200}T08:00:00` }));
    }
    const deps = depsFor({ url: shop.url, ...credentials });
    shop.failRequest(2);
    const failed = await syncWooCommerceOrders(deps).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(WooCommerceRestError);
    expect((failed as Error).message).toMatch(/500 \(internal_server_error/);
    const store = createWooCommerceStore(db);
    const shopKey = `${shop.url}/wp-json/wc/v3/orders`;
    expect(await store.syncCursor(shopKey)).toEqual(new Date('2026-11-23T08:00:00Z'));
    expect(await app.profiles.getOrder('203')).not.toBeNull();
    expect(await app.profiles.getOrder('204')).toBeNull();

    const resumed = await syncWooCommerceOrders(deps);
    expect(shop.requests.at(-2)).toMatchObject({ modifiedAfter: '2026-11-23T07:59:59', page: 1 });
    expect(resumed.complete).toBe(true);
    // 203 (the cursor's second) and 205 (where the second page starts) are read again, unchanged.
    expect(resumed.outcomes).toEqual({ created: 3, updated: 0, unchanged: 2, stale: 0, ignored: 0 });
    expect(await store.syncCursor(shopKey)).toEqual(new Date('2026-11-26T08:00:00Z'));
  });

  it('never lets an older page overwrite a newer order the webhook brought', async () => {
    shop.put(wooOrder({ id: 301, customerId: 301, email: 'stale.301@example.com', status: 'processing', modifiedAt: '2026-11-25T09:00:00' }));
    await app.profiles.ingestOrder({
      number: '301',
      customer: { id: '301', email: 'stale.301@example.com' },
      placedAt: new Date('2026-11-20T15:15:00Z'),
      updatedAt: new Date('2026-11-26T09:00:00Z'),
      status: 'cancelled',
      currency: 'USD',
      lineItems: [{ sku: 'KETTLE-BLK', name: 'Gooseneck kettle', quantity: 1, unitPrice: 4999 }],
      totals: { subtotal: 4999, total: 4999 },
    });
    const report = await syncWooCommerceOrders(depsFor({ url: shop.url, ...credentials }));
    expect(report.outcomes).toMatchObject({ stale: 1 });
    expect((await app.profiles.getOrder('301'))?.status).toBe('cancelled');
  });

  it('stops at once, storing nothing, when the shop refuses the credentials', async () => {
    shop.put(wooOrder({ id: 401, customerId: 401, email: 'auth.401@example.com' }));
    const refused = await syncWooCommerceOrders(depsFor({ url: shop.url, consumerKey: credentials.consumerKey, consumerSecret: 'cs_wrong' })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WooCommerceRestError);
    expect((refused as Error).message).toMatch(/401 \(woocommerce_rest_cannot_view/);
    expect(shop.unauthorized).toBe(1);
    expect(await app.profiles.getOrder('401')).toBeNull();
  });

  it('refuses plain http to anything but a loopback address, so credentials never travel in clear', async () => {
    const refused = await syncWooCommerceOrders(depsFor({ url: 'http://shop.example', ...credentials })).catch((error: unknown) => error);
    expect(String(refused)).toMatch(/must use https/);
  });
});
