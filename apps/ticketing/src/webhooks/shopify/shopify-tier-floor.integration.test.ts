import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopifyFulfillment, shopifyJson, shopifyOrder } from '@loyaldesk/customer-profile/shopify-fixtures';
import { apiClient, startTestApp, type ApiClient, type TestApp } from '../../testing/test-app.ts';
import { signShopifyWebhook } from './shopify-signature.ts';

const secret = 'shpss_0123456789abcdef0123456789abcdef';

describe('POST /api/webhooks/shopify with customer tags that set a tier floor (TIER_FLOOR_TAGS)', () => {
  let app: TestApp;
  let shop: ApiClient;

  const deliver = (topic: string, body: string) =>
    shop.request('POST', '/api/webhooks/shopify', {
      raw: body,
      csrf: false,
      headers: { 'X-Shopify-Topic': topic, 'X-Shopify-Hmac-Sha256': signShopifyWebhook(secret, Buffer.from(body)) },
    });

  beforeAll(async () => {
    app = await startTestApp({
      config: { shopifyWebhookSecrets: [secret] },
      // What TIER_FLOOR_TAGS="VIP=gold,Wholesale=silver" parses to (see env.test.ts).
      tierFloorTags: new Map([
        ['vip', 'gold'],
        ['wholesale', 'silver'],
      ]),
    });
    shop = apiClient(app.baseUrl);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('ranks a new customer tagged VIP as Gold on their ticket; removing the tag drops the floor at the next order update', async () => {
    const customerId = '720982911946157001';
    const order = { id: '820982911946157001', name: '#7001', customerId, email: 'ana.vip@example.com', price: '19.00' };
    const created = await deliver('orders/create', shopifyJson(shopifyOrder({ ...order, tags: ' vip , newsletter' })));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(await app.profiles.getCustomer(customerId)).toMatchObject({
      tier: 'gold',
      tags: ['vip', 'newsletter'],
      tierFloor: { tier: 'gold', tag: 'vip' },
    });

    const { ticket } = await app.ticketing.tickets.open({ customerId, language: 'en', issueKind: 'order_missing' });
    expect(ticket.breakdown.tier).toBe('gold');

    // A fulfillment says nothing about the customer's tags: the floor stays.
    const shipped = await deliver('fulfillments/create', shopifyJson(shopifyFulfillment({ orderId: order.id, orderName: order.name, createdAt: '2026-11-21T09:00:00Z' })));
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(200);
    expect(await app.profiles.getCustomer(customerId)).toMatchObject({ tier: 'gold', tierFloor: { tier: 'gold', tag: 'vip' } });

    const untagged = await deliver('orders/updated', shopifyJson(shopifyOrder({ ...order, tags: 'newsletter', updatedAt: '2026-11-22T08:00:00Z' })));
    expect(untagged.body).toMatchObject({ outcome: 'updated', rerankedTickets: 1 });
    const customer = await app.profiles.getCustomer(customerId);
    expect(customer?.tier).toBe('bronze');
    expect(customer).not.toHaveProperty('tierFloor');
    expect((await app.ticketing.tickets.get(ticket.id)).breakdown.tier).toBe('bronze');
  });

  it('ranks by purchases when no tag is in the setting, and a floor never lowers a higher tier', async () => {
    await deliver('orders/create', shopifyJson(shopifyOrder({ id: '820982911946157002', name: '#7002', customerId: '720982911946157002', email: 'bo@example.com', tags: 'newsletter' })));
    expect((await app.profiles.getCustomer('720982911946157002'))?.tier).toBe('bronze');
    const big = { id: '820982911946157003', name: '#7003', customerId: '720982911946157003', email: 'cy@example.com', price: '3500.00', tags: 'Wholesale' };
    await deliver('orders/create', shopifyJson(shopifyOrder(big)));
    expect(await app.profiles.getCustomer('720982911946157003')).toMatchObject({ tier: 'platinum', tierFloor: { tier: 'silver', tag: 'Wholesale' } });
  });
});
