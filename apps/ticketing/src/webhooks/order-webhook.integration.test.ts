import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, startTestApp, testWebhookSecret, type ApiClient, type TestApp } from '../testing/test-app.ts';
import { signWebhook } from './webhook-signature.ts';

function orderEvent(id: string, number: string, total: number, customerId = 'cus_hook') {
  return {
    id,
    type: 'order.created',
    order: {
      number,
      customer: { id: customerId, email: `${customerId}@example.com` },
      placedAt: new Date(Date.now() - 3_600_000).toISOString(),
      status: 'paid',
      currency: 'USD',
      lineItems: [{ sku: 'X', name: 'Thing', quantity: 1, unitPrice: total }],
      totals: { subtotal: total, total },
    },
  };
}

describe('POST /api/webhooks/orders', () => {
  let app: TestApp;
  let shop: ApiClient;
  const now = (): number => Math.floor(Date.now() / 1000);

  async function deliver(body: string, signature: string | undefined) {
    return shop.request('POST', '/api/webhooks/orders', {
      raw: body,
      csrf: false,
      headers: signature ? { 'X-Loyaldesk-Signature': signature } : {},
    });
  }

  beforeAll(async () => {
    app = await startTestApp();
    shop = apiClient(app.baseUrl);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('stores nothing and answers 401 without a valid signature', async () => {
    const body = JSON.stringify(orderEvent('evt_bad', '7001', 1000));
    for (const signature of [undefined, 'garbage', signWebhook('wrong-secret-0123456789', Buffer.from(body), now())]) {
      const response = await deliver(body, signature);
      expect(response.status).toBe(401);
      expect(errorOf(response).code).toBe('loyaldesk:invalid_signature');
    }
    // A signature over other bytes than those sent (a re-serialized body) fails too.
    const tampered = await deliver(body.replace('1000', '1'), signWebhook(testWebhookSecret, Buffer.from(body), now()));
    expect(tampered.status).toBe(401);
    expect(await app.profiles.getOrder('7001')).toBeNull();
    expect(await app.profiles.getCustomer('cus_hook')).toBeNull();
  });

  it('refuses a stale timestamp (replay) with 401', async () => {
    const body = JSON.stringify(orderEvent('evt_old', '7002', 1000));
    const response = await deliver(body, signWebhook(testWebhookSecret, Buffer.from(body), now() - 600));
    expect(response.status).toBe(401);
    expect(await app.profiles.getOrder('7002')).toBeNull();
  });

  it('ingests a signed event once however often it is delivered', async () => {
    const body = JSON.stringify(orderEvent('evt_1', '7003', 5_000));
    const signature = signWebhook(testWebhookSecret, Buffer.from(body), now());
    const first = await deliver(body, signature);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ orderOutcome: 'created', customerId: 'cus_hook' });
    const replays = await Promise.all([deliver(body, signature), deliver(body, signWebhook(testWebhookSecret, Buffer.from(body), now()))]);
    expect(replays.map((r) => (r.body as { orderOutcome: string }).orderOutcome)).toEqual(['unchanged', 'unchanged']);
    const customer = await app.profiles.getCustomer('cus_hook');
    expect(customer?.stats.orderCount).toBe(1);
    expect(customer?.stats.totalSpent).toBe(5_000);
  });

  it('answers 400 naming the field for a signed but invalid event', async () => {
    const body = JSON.stringify({ ...orderEvent('evt_2', '7004', 100), type: 'order.exploded' });
    const response = await deliver(body, signWebhook(testWebhookSecret, Buffer.from(body), now()));
    expect(response.status).toBe(400);
    expect(errorOf(response).field).toBe('type');
    const garbled = await deliver('{"id":', signWebhook(testWebhookSecret, Buffer.from('{"id":'), now()));
    expect(garbled.status).toBe(400);
  });

  it('re-ranks the customer’s open tickets when an order moves their tier', async () => {
    const { ticket } = await app.ticketing.tickets.open({ customerId: 'cus_rise', language: 'en', issueKind: 'order_missing' });
    expect(ticket.breakdown.tier).toBe('bronze');
    const body = JSON.stringify(orderEvent('evt_3', '7005', 900_000, 'cus_rise'));
    const response = await deliver(body, signWebhook(testWebhookSecret, Buffer.from(body), now()));
    expect(response.body).toMatchObject({ rerankedTickets: 1 });
    const after = await app.ticketing.tickets.get(ticket.id);
    expect(after.breakdown.tier).not.toBe('bronze');
    expect(after.deadline.getTime()).toBeLessThan(ticket.deadline.getTime());
  });
});
