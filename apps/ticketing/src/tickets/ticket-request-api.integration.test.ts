import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';

// POST /api/tickets is public (the shop's web form): what anonymous callers learn, how often they
// may call, and what a replayed Idempotency-Key gets.

const vipOrder = { email: 'vip@example.com', orderNumber: '7001' };
const request = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Where is my parcel',
  message: 'It has not arrived',
  language: 'en',
  issueKind: 'order_missing',
  ...vipOrder,
  ...overrides,
});

describe('public ticket requests', () => {
  let app: TestApp;
  let agent: ApiClient;
  let otherAgent: ApiClient;
  let forwardedFor = 0;

  // Each test's anonymous caller comes from its own address (the app trusts one proxy hop), so
  // the per-IP budget of one test does not spill into the next.
  const anonymousFrom = (ip: string): ApiClient => {
    const client = apiClient(app.baseUrl);
    const request = client.request.bind(client);
    client.request = (method, path, options = {}) =>
      request(method, path, { ...options, headers: { ...options.headers, 'X-Forwarded-For': ip } });
    return client;
  };
  const freshAddress = (): string => `198.51.100.${++forwardedFor}`;

  beforeAll(async () => {
    app = await startTestApp({ config: { trustProxyHops: 1, ticketRequestLimits: { perIp: 6, perEmail: 3 } } });
    [agent, otherAgent] = await Promise.all([signedInClient(app, 'agent'), signedInClient(app, 'manager')]);
    await app.profiles.ingestOrder({
      number: '7001',
      customer: { id: 'cus_vip7', email: vipOrder.email, name: 'Vera Important' },
      placedAt: new Date(Date.now() - 86_400_000).toISOString(),
      status: 'delivered',
      currency: 'USD',
      lineItems: [{ sku: 'SOFA', name: 'Sofa', quantity: 1, unitPrice: 600_000 }],
      totals: { subtotal: 600_000, total: 600_000 },
      shipments: [],
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers an anonymous caller with the ticket id only: nothing about the customer or which email owns the order', async () => {
    const response = await anonymousFrom(freshAddress()).request('POST', '/api/tickets', { json: request() });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(Object.keys(response.body as object)).toEqual(['ticketId']);
    const { ticketId } = response.body as { ticketId: string };
    // The ticket itself is linked and ranked as before; agents see all of it.
    const detail = await agent.request('GET', `/api/tickets/${ticketId}`);
    expect((detail.body as { ticket: { customerId: string } }).ticket.customerId).toBe('cus_vip7');
    // A signed-in agent opening one gets the whole ticket.
    const byAgent = await agent.request('POST', '/api/tickets', { json: request({ email: 'agent-made@example.com' }) });
    expect(byAgent.status).toBe(201);
    expect(byAgent.body).toMatchObject({ created: true, ticket: { requester: { email: 'agent-made@example.com' } } });
  });

  it('limits anonymous requests per email and per IP with 429 and Retry-After; signed-in agents are not limited', async () => {
    // Per email, from any address: 3 an hour.
    const sameEmail = [];
    for (let i = 0; i < 4; i++) {
      sameEmail.push(await anonymousFrom(freshAddress()).request('POST', '/api/tickets', { json: request({ email: 'often@example.com' }) }));
    }
    expect(sameEmail.map((response) => response.status)).toEqual([201, 201, 201, 429]);
    const refused = sameEmail[3];
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused && errorOf(refused).code).toBe('loyaldesk:too_many_requests');

    // Per IP, any email: 6 an hour; 40 at once from one address get no more than that.
    const oneAddress = anonymousFrom(freshAddress());
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => oneAddress.request('POST', '/api/tickets', { json: request({ email: `burst${i}@example.com` }) })),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(6);
    expect(statuses.filter((status) => status === 429)).toHaveLength(34);
    expect(burst.every((response) => response.status !== 429 || Number(response.headers.get('retry-after')) > 0)).toBe(true);

    for (let i = 0; i < 8; i++) {
      expect((await agent.request('POST', '/api/tickets', { json: request({ email: 'often@example.com' }) })).status).toBe(201);
    }
  });

  it("binds an Idempotency-Key to its requester: a stranger's replay never gets the first ticket, a replay gets the id only", async () => {
    const key = { 'Idempotency-Key': 'web-form-submission-0001' };
    const first = await agent.request('POST', '/api/tickets', { json: request(), headers: key });
    expect(first.status).toBe(201);
    const original = (first.body as { ticket: { id: string } }).ticket.id;
    await agent.request('POST', `/api/tickets/${original}/notes`, { json: { body: 'INTERNAL: customer threatened chargeback' } });

    // The same key from anyone else opens their own ticket; nothing of the first one comes back.
    const stranger = await anonymousFrom(freshAddress()).request('POST', '/api/tickets', { json: request(), headers: key });
    const otherStaff = await otherAgent.request('POST', '/api/tickets', { json: request(), headers: key });
    for (const response of [stranger, otherStaff]) {
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      expect(JSON.stringify(response.body)).not.toContain('INTERNAL');
      expect((response.body as { ticketId: string }).ticketId).not.toBe(original);
    }
    expect(Object.keys(stranger.body as object)).toEqual(['ticketId']);

    // The requester's own replay finds the ticket it opened, and answers with the id only.
    const replay = await agent.request('POST', '/api/tickets', { json: request(), headers: key });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ticketId: original, created: false });
    // An anonymous requester's replay (same email, same key) likewise, from any address.
    const anonymousKey = { 'Idempotency-Key': 'web-form-submission-0002' };
    const made = await anonymousFrom(freshAddress()).request('POST', '/api/tickets', { json: request(), headers: anonymousKey });
    const again = await anonymousFrom(freshAddress()).request('POST', '/api/tickets', { json: request(), headers: anonymousKey });
    expect([made.status, again.status]).toEqual([201, 200]);
    expect(again.body).toEqual(made.body);
  });
});
