import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaPolicyResponseSchema, slaPolicyUpdateResponseSchema } from '@loyaldesk/contracts/policies';
import {
  ticketDetailResponseSchema,
  ticketListResponseSchema,
  ticketResponseSchema,
  type Ticket as ApiTicket,
  type TicketSummary,
} from '@loyaldesk/contracts/tickets-api';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { deadlineFromBreakdown } from '../ranking/deadline.ts';
import { errorOf, signedInClient, startTestApp, type ApiClient, type TestApp } from '../testing/test-app.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import { rankingStartedAt } from './ticket-lifecycle.ts';
import type { Ticket } from './ticket.ts';

// Every answer is parsed with the contracts' schema the console parses it with.
const ticketOf = (body: unknown): ApiTicket => ticketResponseSchema.parse(body).ticket;
const listOf = (body: unknown): TicketSummary[] => ticketListResponseSchema.parse(body).items;

describe('ticket API and lifecycle', () => {
  let app: TestApp;
  let agent: ApiClient;
  let manager: ApiClient;
  let admin: ApiClient;
  const changes: Array<{ before: Ticket | null; after: Ticket }> = [];

  beforeAll(async () => {
    app = await startTestApp({
      onTicketChanged: (before, after) => {
        changes.push({ before, after });
      },
    });
    [agent, manager, admin] = await Promise.all([
      signedInClient(app, 'agent'),
      signedInClient(app, 'manager'),
      signedInClient(app, 'admin'),
    ]);
    await app.profiles.ingestOrder({
      number: '5001',
      customer: { id: 'cus_vip', email: 'vip@example.com', name: 'Vi P' },
      placedAt: new Date(Date.now() - 86_400_000).toISOString(),
      status: 'delivered',
      currency: 'USD',
      lineItems: [{ sku: 'SOFA', name: 'Sofa', quantity: 1, unitPrice: 600_000 }],
      totals: { subtotal: 600_000, total: 600_000 },
      shipments: [{ id: 's1', carrier: 'UPS', trackingNumber: '1Z999', status: 'delivered', events: [] }],
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  async function openByForm(overrides: Record<string, unknown> = {}): Promise<ApiTicket> {
    const response = await agent.request('POST', '/api/tickets', {
      json: { email: 'someone@example.com', subject: 'Help', message: 'My parcel', language: 'en', ...overrides },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return ticketOf(response.body);
  }

  it('links a web request to the customer of its order when the email matches, and shows the customer 360', async () => {
    const linked = await openByForm({ email: 'VIP@example.com', orderNumber: '#5001', issueKind: 'order_missing' });
    expect(linked.customerId).toBe('cus_vip');
    const detail = await agent.request('GET', `/api/tickets/${linked.id}`);
    expect(detail.status).toBe(200);
    const body = ticketDetailResponseSchema.parse(detail.body);
    expect(body.customer).toMatchObject({ tier: 'platinum', value: { historicalLtv: 600_000 } });
    expect(body.order).toMatchObject({ number: '5001' });
    expect(body.placeInLine?.position).toBeGreaterThanOrEqual(1);

    const stranger = await openByForm({ email: 'thief@example.com', orderNumber: '5001' });
    expect(stranger.customerId).toBeNull();
  });

  it('opens one ticket per Idempotency-Key: 201 with the ticket, then 200 with its id only', async () => {
    const json = { email: 'retry@example.com', subject: 'Retry', message: 'Hello', language: 'zh-Hans' };
    const headers = { 'Idempotency-Key': 'email-message-id-123@example.com' };
    const first = await agent.request('POST', '/api/tickets', { json, headers });
    const second = await agent.request('POST', '/api/tickets', { json, headers });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body).toEqual({ ticketId: ticketOf(first.body).id, created: false });
  });

  it('sets firstRepliedAt on the first public agent reply only, and records who and when', async () => {
    const ticket = await openByForm();
    const note = await agent.request('POST', `/api/tickets/${ticket.id}/notes`, { json: { body: 'Checking the carrier' } });
    expect(note.status).toBe(201);
    expect(ticketOf(note.body).firstRepliedAt).toBeNull();
    expect(ticketOf(note.body).status).toBe('open');
    const reply = await agent.request('POST', `/api/tickets/${ticket.id}/reply`, { json: { body: 'It is on its way' } });
    const replied = ticketOf(reply.body);
    expect(replied.firstRepliedAt).not.toBeNull();
    expect(replied).toMatchObject({ status: 'assigned', assigneeId: 'demo-agent' });
    expect(replied.messages.map((m) => `${m.author.kind}:${m.visibility}`)).toEqual(['customer:public', 'agent:internal', 'agent:public']);
    expect(await app.ticketing.queue.position(ticket.id)).toBeNull();
    const again = ticketOf((await agent.request('POST', `/api/tickets/${ticket.id}/reply`, { json: { body: 'More' } })).body);
    expect(again.firstRepliedAt).toBe(replied.firstRepliedAt);
  });

  it('resolves and closes with timestamps, then reopens at a fresh deadline back in the queue', async () => {
    const ticket = await openByForm();
    await agent.request('POST', `/api/tickets/${ticket.id}/claim`);
    expect(ticketOf((await agent.request('POST', `/api/tickets/${ticket.id}/pending`)).body).status).toBe('pending');
    const resolved = ticketOf((await agent.request('POST', `/api/tickets/${ticket.id}/resolve`)).body);
    expect(resolved.resolvedAt).not.toBeNull();
    const closed = ticketOf((await agent.request('POST', `/api/tickets/${ticket.id}/close`)).body);
    expect(closed).toMatchObject({ status: 'closed', resolvedAt: resolved.resolvedAt });
    expect(closed.closedAt).not.toBeNull();

    const reopened = ticketOf((await agent.request('POST', `/api/tickets/${ticket.id}/reopen`)).body);
    expect(reopened).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null, closedAt: null, assigneeId: null });
    expect(Date.parse(reopened.deadline)).toBeGreaterThan(Date.parse(ticket.deadline));
    expect((await app.ticketing.queue.position(ticket.id))?.position).toBeGreaterThanOrEqual(1);
    const stored = await app.ticketing.tickets.get(ticket.id);
    expect(deadlineFromBreakdown(rankingStartedAt(stored), stored.breakdown).deadline).toEqual(stored.deadline);
    const history = stored.history.map((h) => `${h.from ?? '-'}>${h.to}:${h.by.id ?? h.by.kind}`);
    expect(history).toEqual([
      '->open:demo-agent',
      'open>assigned:demo-agent',
      'assigned>pending:demo-agent',
      'pending>resolved:demo-agent',
      'resolved>closed:demo-agent',
      'closed>open:demo-agent',
    ]);
  });

  it('lets exactly one of many concurrent conflicting transitions win', async () => {
    const ticket = await openByForm();
    const claims = await Promise.all([agent, manager, admin, agent, manager, admin].map((client) => client.request('POST', `/api/tickets/${ticket.id}/claim`)));
    expect(claims.filter((r) => r.status === 200)).toHaveLength(1);
    expect(claims.filter((r) => r.status === 409)).toHaveLength(5);

    const resolves = await Promise.all([manager, admin, manager, admin].map((client) => client.request('POST', `/api/tickets/${ticket.id}/resolve`)));
    expect(resolves.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    const stored = await app.ticketing.tickets.get(ticket.id);
    expect(stored.history.filter((h) => h.to === 'resolved')).toHaveLength(1);
  });

  it('calls onTicketChanged once per write with the ticket before and after', async () => {
    changes.length = 0;
    const ticket = await openByForm();
    await agent.request('POST', `/api/tickets/${ticket.id}/claim`);
    await agent.request('POST', `/api/tickets/${ticket.id}/resolve`);
    const mine = changes.filter((c) => c.after.id === ticket.id);
    expect(mine.map((c) => [c.before?.status ?? null, c.after.status])).toEqual([
      [null, 'open'],
      ['open', 'assigned'],
      ['assigned', 'resolved'],
    ]);
    expect(mine.map((c) => c.after.version)).toEqual([0, 1, 2]);
  });

  it('refuses a message past the 500-message bound with 409', async () => {
    const full = buildTicket('tkt_full', { createdAt: new Date(), tier: 'bronze', valuePercentile: null, issueKind: 'general' }, defaultSlaPolicy);
    full.messages = Array.from({ length: 500 }, (_, i) => ({ id: `m${i}`, author: { kind: 'customer' as const }, visibility: 'public' as const, body: 'x', at: new Date() }));
    await app.ticketing.ticketRepository.insertMany([full]);
    const response = await agent.request('POST', '/api/tickets/tkt_full/notes', { json: { body: 'one more' } });
    expect(response.status).toBe(409);
    expect(errorOf(response).code).toBe('loyaldesk:ticket_message_limit');
  });

  it('claims the earliest deadline next and pages the queue with a cursor and filters', async () => {
    // A fresh language keeps this test's tickets apart from the others'.
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await openByForm({ language: 'zh-Hant', issueKind: i % 2 ? 'general' : 'order_missing' }));
    const pages: TicketSummary[][] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const response = await agent.request('GET', `/api/tickets?language=zh-Hant&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = ticketListResponseSchema.parse(response.body);
      pages.push(page.items);
      cursor = page.nextCursor;
    }
    const listed = pages.flat();
    expect(listed.map((t) => t.id).sort()).toEqual(opened.map((t) => t.id).sort());
    expect(listed.map((t) => t.deadline)).toEqual([...listed.map((t) => t.deadline)].sort());
    expect(pages[0]).toHaveLength(2);

    const missing = await agent.request('GET', '/api/tickets?language=zh-Hant&tier=bronze&limit=100');
    expect(listOf(missing.body)).toHaveLength(5);
    const none = await agent.request('GET', '/api/tickets?language=zh-Hant&tier=gold&breached=true');
    expect(listOf(none.body)).toHaveLength(0);

    const first = listed[0];
    const claimed = await manager.request('POST', '/api/tickets/claim-next');
    expect(ticketOf(claimed.body)?.deadline <= (first?.deadline ?? '')).toBe(true);
    const mine = await manager.request('GET', '/api/tickets?status=assigned&assignee=me');
    expect(listOf(mine.body).map((t) => t.id)).toContain(ticketOf(claimed.body).id);
  });

  it('re-ranks every open ticket when a manager changes the policy', async () => {
    const ticket = await openByForm({ language: 'en', issueKind: 'general' });
    const policy = { ...defaultSlaPolicy, firstResponseMinutes: { bronze: 60, silver: 45, gold: 30, platinum: 15 } };
    const response = await manager.request('PUT', '/api/policy/sla', { json: policy });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(slaPolicyUpdateResponseSchema.parse(response.body).rerankedTickets).toBeGreaterThan(0);
    const stored = await app.ticketing.tickets.get(ticket.id);
    expect(stored.breakdown.tierTargetMinutes).toBe(60);
    expect(slaPolicyResponseSchema.parse((await agent.request('GET', '/api/policy/sla')).body)).toMatchObject({ updatedBy: 'demo-manager' });
  });
});
