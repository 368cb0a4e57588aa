import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, startTestApp, type ApiClient, type TestApp } from '../../testing/test-app.ts';
import { signWooCommerceWebhook } from './woocommerce-signature.ts';
import { wooOrder } from './testing/woocommerce-fixtures.ts';

const secret = 'wc-webhook-secret-0123456789abcdef';

interface Delivery {
  topic: string;
  body: string;
  deliveryId?: string;
  /** The signature header: computed with `secret` unless given (null: none). */
  signature?: string | null;
}

function deliverTo(shop: ApiClient) {
  return (delivery: Delivery) => {
    const signature = delivery.signature === undefined ? signWooCommerceWebhook(secret, Buffer.from(delivery.body)) : delivery.signature;
    return shop.request('POST', '/api/webhooks/woocommerce', {
      raw: delivery.body,
      csrf: false,
      headers: {
        'User-Agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7)',
        'X-WC-Webhook-Source': 'https://kettle-house.example/',
        'X-WC-Webhook-Topic': delivery.topic,
        'X-WC-Webhook-Resource': delivery.topic.split('.')[0] ?? '',
        'X-WC-Webhook-Event': delivery.topic.split('.')[1] ?? '',
        'X-WC-Webhook-ID': '12',
        ...(delivery.deliveryId ? { 'X-WC-Webhook-Delivery-ID': delivery.deliveryId } : {}),
        ...(signature === null ? {} : { 'X-WC-Webhook-Signature': signature }),
      },
    });
  };
}

describe('POST /api/webhooks/woocommerce', () => {
  let app: TestApp;
  let deliver: ReturnType<typeof deliverTo>;

  beforeAll(async () => {
    app = await startTestApp({ config: { wooCommerceWebhookSecrets: ['wc-previous-secret-0123456789', secret] } });
    deliver = deliverTo(apiClient(app.baseUrl));
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 401 and stores nothing for a missing, wrong or other-bytes signature', async () => {
    const body = JSON.stringify(wooOrder({ id: 2001, customerId: 501 }));
    const signatures = [null, 'bm90IGEgc2lnbmF0dXJl', signWooCommerceWebhook('wc-another-secret-0123456789', Buffer.from(body))];
    for (const signature of signatures) {
      const response = await deliver({ topic: 'order.created', body, deliveryId: 'd-2001', signature });
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('loyaldesk:invalid_signature');
    }
    const altered = await deliver({
      topic: 'order.created',
      body: body.replace('"number":"2001"', '"number":"2002"'),
      signature: signWooCommerceWebhook(secret, Buffer.from(body)),
    });
    expect(altered.status).toBe(401);
    expect(await app.profiles.getOrder('2001')).toBeNull();
    expect(await app.profiles.getOrder('2002')).toBeNull();
    expect(await app.profiles.getCustomer('501')).toBeNull();
  });

  it('answers the unsigned ping WooCommerce sends when a webhook is saved with 200, storing nothing', async () => {
    const ping = await deliver({ topic: '', body: 'webhook_id=12', signature: null });
    expect(ping.status).toBe(200);
    expect(ping.body).toEqual({ topic: 'ping', outcome: 'ping' });
    const notAPing = await deliver({ topic: 'order.created', body: 'webhook_id=12&status=processing', signature: null });
    expect(notAPing.status).toBe(401);
  });

  it('stores a signed order once however often the same delivery arrives', async () => {
    const body = JSON.stringify(wooOrder({ id: 1038, customerId: 207, price: '129.00', shipping: '10.00', total: '139.00' }));
    const first = await deliver({ topic: 'order.created', body, deliveryId: 'c0ffee1038' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ topic: 'order.created', outcome: 'created', orderNumber: '1038' });
    const again = await Promise.all([
      deliver({ topic: 'order.created', body, deliveryId: 'c0ffee1038' }),
      deliver({ topic: 'order.created', body, deliveryId: 'c0ffee1038' }),
    ]);
    for (const response of again) {
      expect(response.status).toBe(200);
      expect(['duplicate', 'unchanged']).toContain((response.body as { outcome: string }).outcome);
    }
    expect((await deliver({ topic: 'order.created', body, deliveryId: 'c0ffee1038' })).body).toMatchObject({ outcome: 'duplicate' });
    const order = await app.profiles.getOrder('1038');
    expect(order).toMatchObject({ customerId: '207', email: 'mei.lin@example.com', customerName: 'Mei Lin', status: 'paid' });
    expect(order?.totals).toMatchObject({ subtotal: 12_900, shipping: 1_000, total: 13_900 });
    expect(order?.shippingAddress).toMatchObject({ country: 'TW', city: 'Taipei', name: 'Mei Lin' });
    const customer = await app.profiles.getCustomer('207');
    expect(customer?.stats.orderCount).toBe(1);
    expect(customer?.stats.totalSpent).toBe(13_900);
  });

  it('applies two different events that share a delivery id (WooCommerce hashes the webhook id and the second)', async () => {
    const a = JSON.stringify(wooOrder({ id: 2101, customerId: 521, email: 'order.2101@example.com' }));
    const b = JSON.stringify(wooOrder({ id: 2102, customerId: 522, email: 'order.2102@example.com' }));
    expect((await deliver({ topic: 'order.created', body: a, deliveryId: 'same-second' })).body).toMatchObject({ outcome: 'created' });
    expect((await deliver({ topic: 'order.created', body: b, deliveryId: 'same-second' })).body).toMatchObject({ outcome: 'created' });
  });

  it('keeps the newest version when updates arrive out of order', async () => {
    const order = { id: 3001, customerId: 503, email: 'order.3001@example.com', createdAt: '2026-11-20T10:00:00' };
    const created = JSON.stringify(wooOrder({ ...order, status: 'pending' }));
    const cancelled = JSON.stringify(wooOrder({ ...order, status: 'cancelled', modifiedAt: '2026-11-20T12:00:00' }));
    const paidEarlier = JSON.stringify(wooOrder({ ...order, status: 'processing', modifiedAt: '2026-11-20T11:00:00' }));
    expect((await deliver({ topic: 'order.created', body: created, deliveryId: 'd-3001-a' })).body).toMatchObject({ outcome: 'created' });
    expect((await deliver({ topic: 'order.updated', body: cancelled, deliveryId: 'd-3001-c' })).body).toMatchObject({ outcome: 'updated' });
    expect((await deliver({ topic: 'order.updated', body: paidEarlier, deliveryId: 'd-3001-b' })).body).toMatchObject({ outcome: 'stale' });
    expect((await app.profiles.getOrder('3001'))?.status).toBe('cancelled');
    expect((await app.profiles.getCustomer('503'))?.stats.orderCount).toBe(0);
  });

  it('stores a guest checkout (customer_id 0) under a guest keyed by email', async () => {
    const body = JSON.stringify(wooOrder({ id: 4001, customerId: 0, email: 'Guest.Shopper@example.com' }));
    expect((await deliver({ topic: 'order.created', body, deliveryId: 'd-4001' })).status).toBe(200);
    const order = await app.profiles.getOrder('4001');
    expect(order?.customerId).toMatch(/^guest_/);
    expect(order?.email).toBe('guest.shopper@example.com');
    expect((await app.profiles.getCustomer(order?.customerId ?? ''))?.stats.orderCount).toBe(1);
  });

  it("turns the Shipment Tracking plugin's items into shipments, and keeps what a carrier said since", async () => {
    const tracking = [
      { provider: 'usps', trackingNumber: '9400 1000 0000 0000 0000 00', shippedAt: 1_763_800_000, trackingId: 'f3a9c1' },
      { customProvider: 'Kettle Couriers', customLink: 'https://track.kettle-couriers.example/KC123456', trackingNumber: 'KC123456' },
    ];
    const body = JSON.stringify(wooOrder({ id: 5001, customerId: 505, email: 'order.5001@example.com', status: 'completed', tracking }));
    expect((await deliver({ topic: 'order.updated', body, deliveryId: 'd-5001' })).body).toMatchObject({ outcome: 'created' });
    const order = await app.profiles.getOrder('5001');
    expect(order?.status).toBe('shipped');
    expect(order?.shipments).toEqual([
      expect.objectContaining({ id: 'f3a9c1', carrier: 'USPS', trackingNumber: '9400100000000000000000', status: 'in_transit', shippedAt: new Date(1_763_800_000_000) }),
      expect.objectContaining({ carrier: 'Kettle Couriers', trackingNumber: 'KC123456', trackingUrl: 'https://track.kettle-couriers.example/KC123456' }),
    ]);
  });

  it('marks an order cancelled on order.deleted, and ignores a deletion of an order it never had', async () => {
    const body = JSON.stringify(wooOrder({ id: 6001, customerId: 506, email: 'order.6001@example.com' }));
    expect((await deliver({ topic: 'order.created', body, deliveryId: 'd-6001' })).status).toBe(200);
    const deleted = await deliver({ topic: 'order.deleted', body: JSON.stringify({ id: 6001 }), deliveryId: 'd-6001-del' });
    expect(deleted.body).toMatchObject({ outcome: 'updated', orderNumber: '6001' });
    expect((await app.profiles.getOrder('6001'))?.status).toBe('cancelled');
    expect((await app.profiles.getCustomer('506'))?.stats.orderCount).toBe(0);
    const unknown = await deliver({ topic: 'order.deleted', body: JSON.stringify({ id: 999_999 }), deliveryId: 'd-unknown-del' });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ outcome: 'ignored' });
  });

  it('answers 400 naming the field for a signed but invalid body, and 200 ignored for a topic it does not use', async () => {
    const noEmail = JSON.stringify({ ...wooOrder({ id: 7001 }), billing: { first_name: 'No', last_name: 'Email', email: '' } });
    const invalid = await deliver({ topic: 'order.created', body: noEmail });
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid).field).toBe('billing.email');
    const noItems = await deliver({ topic: 'order.created', body: JSON.stringify({ ...wooOrder({ id: 7002 }), line_items: [] }) });
    expect(errorOf(noItems).field).toBe('line_items');
    const badDate = await deliver({ topic: 'order.updated', body: JSON.stringify(wooOrder({ id: 7003, modifiedAt: 'yesterday' })) });
    expect(errorOf(badDate).field).toBe('date_modified_gmt');
    const garbled = await deliver({ topic: 'order.created', body: '{"id":' });
    expect(errorOf(garbled).field).toBe('body');
    const noTopic = await deliver({ topic: '', body: '{}' });
    expect(noTopic.status).toBe(400);
    expect(errorOf(noTopic).field).toBe('topic');
    const product = await deliver({ topic: 'product.updated', body: '{"id":93}' });
    expect(product.status).toBe(200);
    expect(product.body).toMatchObject({ outcome: 'ignored' });
    expect(await app.profiles.getOrder('7001')).toBeNull();
  });
});

describe('WooCommerce webhooks for a shop in yen and one in dinars', () => {
  it('stores JPY amounts without minor digits and KWD with three', async () => {
    for (const [currency, price, minor] of [
      ['JPY', '4800', 4800],
      ['KWD', '15.125', 15_125],
    ] as const) {
      const app = await startTestApp({ shopCurrency: currency, config: { wooCommerceWebhookSecrets: [secret] } });
      try {
        const body = JSON.stringify(wooOrder({ id: 8001, currency, price, total: price, discount: '0', shipping: '0', tax: '0', email: `${currency.toLowerCase()}@example.com` }));
        const response = await deliverTo(apiClient(app.baseUrl))({ topic: 'order.created', body, deliveryId: `d-${currency}` });
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        const order = await app.profiles.getOrder('8001');
        expect(order?.totals).toMatchObject({ subtotal: minor, total: minor });
        expect(order?.lineItems[0]?.unitPrice).toBe(minor);
      } finally {
        await app.stop();
      }
    }
  });

  it('is not mounted without a WooCommerce secret (404)', async () => {
    const app = await startTestApp();
    try {
      const response = await deliverTo(apiClient(app.baseUrl))({ topic: 'order.created', body: '{}' });
      expect(response.status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
