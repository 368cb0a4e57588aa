import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, startTestApp, type ApiClient, type TestApp } from '../../testing/test-app.ts';
import { signShopifyWebhook } from './shopify-signature.ts';
import { shopifyFulfillment, shopifyJson, shopifyOrder, shopifyRefund } from '@loyaldesk/customer-profile/shopify-fixtures';

const secret = 'shpss_0123456789abcdef0123456789abcdef';

interface Delivery {
  topic: string;
  body: string;
  eventId?: string;
  /** The signature header: computed with `secret` unless given (null: none). */
  signature?: string | null;
}

function deliverTo(shop: ApiClient) {
  return (delivery: Delivery) => {
    const signature = delivery.signature === undefined ? signShopifyWebhook(secret, Buffer.from(delivery.body)) : delivery.signature;
    return shop.request('POST', '/api/webhooks/shopify', {
      raw: delivery.body,
      csrf: false,
      headers: {
        'X-Shopify-Topic': delivery.topic,
        'X-Shopify-Shop-Domain': 'kettle-house.myshopify.com',
        ...(delivery.eventId ? { 'X-Shopify-Event-Id': delivery.eventId } : {}),
        ...(signature === null ? {} : { 'X-Shopify-Hmac-Sha256': signature }),
      },
    });
  };
}

describe('POST /api/webhooks/shopify', () => {
  let app: TestApp;
  let deliver: ReturnType<typeof deliverTo>;

  beforeAll(async () => {
    app = await startTestApp({ config: { shopifyWebhookSecrets: [secret] } });
    deliver = deliverTo(apiClient(app.baseUrl));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 401 and stores nothing for a missing, wrong or other-bytes signature', async () => {
    const body = shopifyJson(shopifyOrder({ name: '#2001', id: '820982911946150001', customerId: '720982911946150001' }));
    const signatures = [null, 'bm90IGEgc2lnbmF0dXJl', signShopifyWebhook('shpss_another_secret_0123456789', Buffer.from(body))];
    for (const signature of signatures) {
      const response = await deliver({ topic: 'orders/create', body, eventId: 'evt-2001', signature });
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('loyaldesk:invalid_signature');
    }
    const reformatted = await deliver({
      topic: 'orders/create',
      body: body.replace('"#2001"', '"#2002"'),
      signature: signShopifyWebhook(secret, Buffer.from(body)),
    });
    expect(reformatted.status).toBe(401);
    expect(await app.profiles.getOrder('2001')).toBeNull();
    expect(await app.profiles.getOrder('2002')).toBeNull();
    expect(await app.profiles.getCustomer('720982911946150001')).toBeNull();
  });

  it('stores a signed order with its 64-bit customer id exact, once however often it is delivered', async () => {
    const body = shopifyJson(shopifyOrder({ name: '#1038', customerId: '820982911946154508', price: '129.00' }));
    const first = await deliver({ topic: 'orders/create', body, eventId: 'evt-1038-create' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ topic: 'orders/create', outcome: 'created', orderNumber: '1038' });
    const again = await Promise.all([
      deliver({ topic: 'orders/create', body, eventId: 'evt-1038-create' }),
      deliver({ topic: 'orders/create', body, eventId: 'evt-1038-create' }),
    ]);
    for (const response of again) {
      expect(response.status).toBe(200);
      expect(['duplicate', 'unchanged']).toContain((response.body as { outcome: string }).outcome);
    }
    expect((await deliver({ topic: 'orders/create', body, eventId: 'evt-1038-create' })).body).toMatchObject({ outcome: 'duplicate' });
    const order = await app.profiles.getOrder('1038');
    expect(order).toMatchObject({ customerId: '820982911946154508', email: 'mei.lin@example.com', customerLocale: 'zh-TW' });
    expect(order?.totals.total).toBe(12_900);
    const customer = await app.profiles.getCustomer('820982911946154508');
    expect(customer?.stats.orderCount).toBe(1);
    expect(customer?.stats.totalSpent).toBe(12_900);
  });

  it('records concurrent deliveries (shared writes): each order and event once, a simultaneous copy unchanged or duplicate, a later one duplicate', async () => {
    const orders = Array.from({ length: 24 }, (_, index) => ({
      number: String(4100 + index),
      id: String(820_982_911_946_104_100n + BigInt(index)),
    }));
    const deliveries = orders.flatMap(({ number, id }) => {
      const body = shopifyJson(shopifyOrder({ name: `#${number}`, id, customerId: id, email: `shopper.${number}@example.com` }));
      const delivery = { topic: 'orders/create', body, eventId: `evt-${number}` };
      return [delivery, delivery];
    });
    const responses = await Promise.all(deliveries.map((delivery) => deliver(delivery)));
    for (const response of responses) expect(response.status, JSON.stringify(response.body)).toBe(200);
    const outcomes = responses.map((response) => (response.body as { outcome: string }).outcome);
    for (let index = 0; index < orders.length; index++) {
      const pair = outcomes.slice(index * 2, index * 2 + 2).sort();
      expect([['created', 'duplicate'], ['created', 'unchanged']]).toContainEqual(pair);
    }
    const later = await Promise.all(deliveries.slice(0, 8).map((delivery) => deliver(delivery)));
    expect(later.map((response) => (response.body as { outcome: string }).outcome)).toEqual(Array(8).fill('duplicate'));
    for (const { id } of orders.slice(0, 3)) expect((await app.profiles.getCustomer(id))?.stats.orderCount).toBe(1);
    const recorded = await app.db.connection.db
      ?.collection<{ _id: string; number: string; events: Record<string, Date> }>('shopify_orders')
      .find({ _id: { $in: orders.map(({ id }) => id) } })
      .toArray();
    expect(recorded?.map((document) => [document._id, document.number, Object.keys(document.events)]).sort()).toEqual(
      orders.map(({ number, id }) => [id, number, [`evt-${number}`]]).sort(),
    );
  });

  it('keeps the newest version when updates arrive out of order', async () => {
    const order = { name: '#3001', id: '820982911946153001', customerId: '720982911946153001', email: 'order.3001@example.com', createdAt: '2026-11-20T10:00:00Z' };
    const created = shopifyJson(shopifyOrder({ ...order, updatedAt: '2026-11-20T10:00:00Z' }));
    const cancelled = shopifyJson({ ...shopifyOrder({ ...order, updatedAt: '2026-11-20T12:00:00Z' }), cancelled_at: '2026-11-20T12:00:00Z' });
    const paidAgain = shopifyJson(shopifyOrder({ ...order, updatedAt: '2026-11-20T11:00:00Z' }));
    expect((await deliver({ topic: 'orders/create', body: created, eventId: 'evt-3001-a' })).body).toMatchObject({ outcome: 'created' });
    expect((await deliver({ topic: 'orders/cancelled', body: cancelled, eventId: 'evt-3001-c' })).body).toMatchObject({ outcome: 'updated' });
    expect((await deliver({ topic: 'orders/updated', body: paidAgain, eventId: 'evt-3001-b' })).body).toMatchObject({ outcome: 'stale' });
    expect((await app.profiles.getOrder('3001'))?.status).toBe('cancelled');
    expect((await app.profiles.getCustomer('720982911946153001'))?.stats.orderCount).toBe(0);
  });

  it('attaches a fulfillment as a shipment with its tracking, and applies a refund; 409 while the order is unknown', async () => {
    const ids = { id: '820982911946154600', name: '#4001', customerId: '720982911946154600', email: 'order.4001@example.com' };
    const fulfillment = shopifyJson(shopifyFulfillment({ orderId: ids.id, orderName: ids.name, trackingNumber: '1Z999AA10123456784' }));
    const early = await deliver({ topic: 'fulfillments/create', body: fulfillment, eventId: 'evt-4001-f' });
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('loyaldesk:order_not_yet_known');

    const orderBody = shopifyJson(shopifyOrder({ ...ids, price: '80.00', createdAt: '2026-11-20T10:00:00Z' }));
    expect((await deliver({ topic: 'orders/create', body: orderBody, eventId: 'evt-4001-o' })).status).toBe(200);
    const retried = await deliver({ topic: 'fulfillments/create', body: fulfillment, eventId: 'evt-4001-f' });
    expect(retried.body).toMatchObject({ outcome: 'updated', orderNumber: '4001' });
    const shipped = await app.profiles.getOrder('4001');
    expect(shipped?.shipments).toEqual([
      expect.objectContaining({ id: '1022782888', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', status: 'in_transit', carrierStatus: 'in_transit' }),
    ]);
    expect(shipped?.shipments[0]?.trackingUrl).toMatch(/^https:\/\/www\.ups\.com\//);

    const refund = shopifyJson(shopifyRefund({ orderId: ids.id, amount: '30.00' }));
    expect((await deliver({ topic: 'refunds/create', body: refund, eventId: 'evt-4001-r' })).body).toMatchObject({ outcome: 'updated' });
    expect((await deliver({ topic: 'refunds/create', body: refund, eventId: 'evt-4001-r' })).body).toMatchObject({ outcome: 'duplicate' });
    expect((await app.profiles.getOrder('4001'))?.totals.refunded).toBe(3_000);
    expect((await app.profiles.getCustomer('720982911946154600'))?.stats.totalSpent).toBe(5_000);
  });

  it('answers 400 naming the field for a signed but invalid body, and 200 ignored for a topic it does not use', async () => {
    const noItems = shopifyJson({ ...shopifyOrder({ name: '#5001' }), line_items: [] });
    const invalid = await deliver({ topic: 'orders/create', body: noItems });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).field).toBe('line_items');
    const garbled = await deliver({ topic: 'orders/create', body: '{"id":' });
    expect(garbled.status).toBe(400);
    expect(errorOf(garbled).field).toBe('body');
    const noTopic = await deliver({ topic: '', body: noItems });
    expect(noTopic.status).toBe(400);
    expect(errorOf(noTopic).field).toBe('topic');
    const other = await deliver({ topic: 'products/update', body: '{"id":1}' });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ outcome: 'ignored' });
    expect(await app.profiles.getOrder('5001')).toBeNull();
  });
});

describe('Shopify webhooks for a shop in yen and one in dinars', () => {
  it('stores JPY amounts without minor digits and KWD with three', async () => {
    for (const [currency, price, minor] of [
      ['JPY', '4800', 4800],
      ['KWD', '15.125', 15_125],
    ] as const) {
      const app = await startTestApp({ shopCurrency: currency, config: { shopifyWebhookSecrets: [secret] } });
      try {
        const body = shopifyJson(shopifyOrder({ currency, price, name: `#${currency}-1`, email: `${currency.toLowerCase()}@example.com` }));
        const response = await deliverTo(apiClient(app.baseUrl))({ topic: 'orders/create', body, eventId: `evt-${currency}` });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        expect((await app.profiles.getOrder(`${currency}-1`))?.totals).toMatchObject({ subtotal: minor, total: minor });
      } finally {
        await app.stop();
      }
    }
  });

  it('is not mounted without a Shopify secret (404)', async () => {
    const app = await startTestApp();
    try {
      const response = await deliverTo(apiClient(app.baseUrl))({ topic: 'orders/create', body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
