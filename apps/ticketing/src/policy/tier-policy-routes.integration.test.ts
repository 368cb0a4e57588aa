import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfilePolicy } from '@loyaldesk/customer-profile/schemas';
import { errorOf, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';

interface TierPolicyBody {
  policy: typeof defaultProfilePolicy;
  currency: string;
  rerankedTickets?: number;
}

describe('tier policy routes', () => {
  let app: TestApp;
  let manager: ApiClient;
  let agent: ApiClient;

  beforeAll(async () => {
    app = await startTestApp();
    [manager, agent] = await Promise.all([signedInClient(app, 'manager'), signedInClient(app, 'agent')]);
    // Two orders, $400 in all over the last year: silver by default (from $250 or 3 orders).
    for (const [number, daysAgo] of [['7001', 40], ['7002', 10]] as const) {
      await app.profiles.ingestOrder({
        number,
        customer: { id: 'cus_tiered', email: 'tiered@example.com', name: 'Tia Tiered' },
        placedAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        status: 'delivered',
        currency: 'USD',
        lineItems: [{ sku: 'MUG', name: 'Mug', quantity: 1, unitPrice: 20_000 }],
        totals: { subtotal: 20_000, total: 20_000 },
      });
    }
  });
  afterAll(async () => {
    await app.stop();
  });

  it('serves the thresholds in force with the shop currency', async () => {
    const response = await manager.request('GET', '/api/policy/tiers');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ policy: defaultProfilePolicy, currency: 'USD' });
  });

  it('refuses thresholds that do not rise with the tier, naming the field', async () => {
    const policy = structuredClone(defaultProfilePolicy);
    policy.thresholds.gold.minSpend = 10_000; // below silver's 25,000
    const response = await manager.request('PUT', '/api/policy/tiers', { json: policy });
    expect(response.status).toBe(400);
    expect(errorOf(response).field).toBe('thresholds.gold.minSpend');
    expect(errorOf(response).message).toContain("must be more than silver's");
    expect(((await manager.request('GET', '/api/policy/tiers')).body as TierPolicyBody).policy).toEqual(defaultProfilePolicy);
  });

  it('saves new thresholds and re-ranks the open tickets of the customers they move', async () => {
    const opened = await app.ticketing.tickets.open({ language: 'en', issueKind: 'general', customerId: 'cus_tiered' });
    const stranger = await app.ticketing.tickets.open({ language: 'en', issueKind: 'general' });
    expect(opened.ticket.breakdown.tier).toBe('silver');

    const policy = structuredClone(defaultProfilePolicy);
    policy.thresholds.gold = { minSpend: 35_000, minOrders: 6 }; // $350: the customer's $400 is now gold
    const response = await manager.request('PUT', '/api/policy/tiers', { json: policy });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const body = response.body as TierPolicyBody;
    expect(body.policy.thresholds.gold.minSpend).toBe(35_000);
    expect(body.rerankedTickets).toBe(1);

    const after = await app.ticketing.tickets.get(opened.ticket.id);
    expect(after.breakdown.tier).toBe('gold');
    expect(after.deadline.getTime()).toBeLessThan(opened.ticket.deadline.getTime());
    expect((await app.ticketing.tickets.get(stranger.ticket.id)).deadline).toEqual(stranger.ticket.deadline);
    expect(await app.profiles.getProfilePolicy()).toEqual(policy);
  });

  it('is for managers only', async () => {
    expect((await agent.request('GET', '/api/policy/tiers')).status).toBe(403);
    expect((await agent.request('PUT', '/api/policy/tiers', { json: defaultProfilePolicy })).status).toBe(403);
  });

  it('is documented in the OpenAPI document', async () => {
    const document = (await manager.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/api/policy/tiers'] ?? document.paths['/policy/tiers'] ?? {})).toEqual(expect.arrayContaining(['get', 'put']));
  });
});
