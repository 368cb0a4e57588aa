import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agentServerEvents } from '@loyaldesk/contracts/agents-events';
import { conversationClosedJobId, type ConversationClosedEvent } from '@loyaldesk/contracts/conversation-closed';
import { handoffJobId, handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { dashboardSchema, type Dashboard } from '@loyaldesk/contracts/metrics-api';
import { metricsTicket } from './metrics/testing/metrics-test-tickets.ts';
import { routingGroupsFor } from './ranked-queue/routing-group.ts';
import {
  signedInClient,
  startWiredTestApp,
  testWebhookSecret,
  type ApiClient,
  type WiredTestApp,
} from './testing/test-app.ts';
import type { Ticket } from './tickets/ticket.ts';
import { signWebhook } from './webhooks/webhook-signature.ts';

const today = (): string => new Date().toISOString().slice(0, 10);

function openSocket(app: WiredTestApp, cookie: string | undefined): Promise<Socket> {
  const socket = connect(`${app.baseUrl}/agents`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: cookie ? { Cookie: cookie } : {},
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

describe('the wired ticketing service', () => {
  let app: WiredTestApp;
  let agent: ApiClient;
  let manager: ApiClient;

  beforeAll(async () => {
    app = await startWiredTestApp();
    [agent, manager] = await Promise.all([signedInClient(app, 'agent'), signedInClient(app, 'manager')]);
  });
  afterAll(async () => {
    await app.stop();
  });

  async function dashboard(): Promise<Dashboard> {
    const response = await manager.request('GET', `/api/metrics?from=${today()}&to=${today()}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // Parsed with the contracts' schema, as the console parses it.
    return dashboardSchema.parse(response.body);
  }

  it('takes a handoff to the queue, through claim, reply and resolve over HTTP, into the manager’s metrics', async () => {
    const handoff: HandoffJob = {
      conversationId: 'conv_e2e',
      customerId: 'cus_e2e',
      language: 'en',
      issueKind: 'order_missing',
      reason: 'requested',
      transcriptSummary: 'Parcel shows delivered but never arrived.',
      requestedAt: new Date(Date.now() - 30_000).toISOString(),
    };
    // As the chat bot enqueues it (durable, one job per conversation).
    await app.service.jobQueues.handoff.add(handoff, { jobId: handoffJobId(handoff.conversationId), attempts: 3 });
    const ticketId = handoffTicketId(handoff.conversationId);

    // The handoff worker opened it: in the queue, in the agents' list, with its SLA timers set.
    await vi.waitFor(async () => expect((await app.ticketing.queue.position(ticketId))?.position).toBe(1), {
      timeout: 10_000,
      interval: 50,
    });
    const listed = await agent.request('GET', '/api/tickets?status=open');
    expect((listed.body as { items: Array<{ id: string }> }).items.map((item) => item.id)).toContain(ticketId);
    const timers = (await app.service.jobQueues.slaTimers.getDelayed()).map((job) => String(job.id));
    expect(timers.filter((id) => id.startsWith(`${ticketId}:`)).sort()).toEqual([
      expect.stringMatching(new RegExp(`^${ticketId}:firstResponse:\\d+$`)),
      expect.stringMatching(new RegExp(`^${ticketId}:resolution:\\d+$`)),
    ]);

    const claimed = await agent.request('POST', '/api/tickets/claim-next');
    expect(claimed.status).toBe(200);
    const ticket = (claimed.body as { ticket: Ticket | null }).ticket;
    expect(ticket?.id).toBe(ticketId);
    expect(ticket?.assigneeId).toBe('demo-agent');
    expect(await app.ticketing.queue.position(ticketId)).toBeNull();

    const reply = await agent.request('POST', `/api/tickets/${ticketId}/reply`, {
      json: { body: 'I am tracing the parcel with the carrier now.' },
    });
    expect(reply.status).toBe(201);
    const resolved = await agent.request('POST', `/api/tickets/${ticketId}/resolve`);
    expect(resolved.status).toBe(200);
    const stored = await app.ticketing.tickets.get(ticketId);
    expect(stored.status).toBe('resolved');
    const { firstRepliedAt, resolvedAt } = stored;
    if (!firstRepliedAt || !resolvedAt) throw new Error('reply and resolution must be recorded');

    const metrics = await dashboard();
    expect(metrics.ticketsCreated).toBe(1);
    expect(metrics.ticketsResolved).toBe(1);
    expect(metrics.firstResponseTime.count).toBe(1);
    expect(metrics.firstResponseTime.mean).toBe(
      Math.round((firstRepliedAt.getTime() - stored.createdAt.getTime()) / 1000),
    );
    expect(metrics.firstResponseTime.median).not.toBeNull();
    expect(metrics.resolutionTime.count).toBe(1);
    // Measured from the shopper's request for a human, 30 s before the ticket.
    const resolutionSeconds = Math.round((resolvedAt.getTime() - stored.firstShopperMessageAt.getTime()) / 1000);
    expect(metrics.resolutionTime.mean).toBe(resolutionSeconds);
    expect(resolutionSeconds).toBeGreaterThanOrEqual(30);
    expect(metrics.resolutionTime.median).toBeGreaterThan(metrics.firstResponseTime.median ?? Infinity);
    expect(metrics.slaCompliance.overall).toEqual({ met: 1, breached: 0, rate: 100 });
    expect(metrics.agents).toEqual([
      expect.objectContaining({ agentId: 'demo-agent', ticketsAssigned: 1, ticketsResolved: 1 }),
    ]);
    expect(metrics.backlog.total).toBe(0);

    // The shopper buys again: the signed order webhook counts a repurchase after a ticket that met SLA.
    const order = JSON.stringify({
      id: 'evt_e2e',
      type: 'order.created',
      order: {
        number: '9901',
        customer: { id: 'cus_e2e', email: 'e2e@example.com' },
        placedAt: new Date().toISOString(),
        status: 'paid',
        currency: 'USD',
        lineItems: [{ sku: 'LAMP', name: 'Desk lamp', quantity: 1, unitPrice: 4_000 }],
        totals: { subtotal: 4_000, total: 4_000 },
      },
    });
    const delivery = await agent.request('POST', '/api/webhooks/orders', {
      raw: order,
      csrf: false,
      headers: {
        'X-Loyaldesk-Signature': signWebhook(testWebhookSecret, Buffer.from(order), Math.floor(Date.now() / 1000)),
      },
    });
    expect(delivery.status, JSON.stringify(delivery.body)).toBe(200);
    expect((await dashboard()).repeatPurchaseAfterTicket.slaMet).toEqual({ tickets: 1, repurchased: 1, rate: 100 });

    // The chat bot reports the conversation closed: counted once by the conversation-closed worker.
    const closed: ConversationClosedEvent = {
      conversationId: 'conv_e2e',
      closedAt: new Date().toISOString(),
      handedOff: true,
      language: 'en',
    };
    await app.service.jobQueues.metrics.add(closed, { jobId: conversationClosedJobId('conv_e2e') });
    await vi.waitFor(
      async () => expect((await dashboard()).handoffRate).toEqual({ rate: 100, handedOff: 1, conversationsClosed: 1 }),
      {
        timeout: 10_000,
        interval: 100,
      },
    );

    // The retention report is computed by its worker in the background, then served from the cache.
    await vi.waitFor(async () => expect((await dashboard()).retention.status).toBe('ready'), {
      timeout: 15_000,
      interval: 200,
    });
  });

  it('marks a missed SLA deadline through the SLA worker and alerts a connected agent exactly once', async () => {
    const socket = await openSocket(app, agent.cookie);
    const alerts: Array<{ ticketId: string; kind: string }> = [];
    socket.on(agentServerEvents.ticketSlaBreached, (payload: { ticketId: string; kind: string }) =>
      alerts.push(payload),
    );
    try {
      // A target shorter than any policy allows: due a second from now.
      const ticket = { ...metricsTicket({ id: 'tkt_e2e_late', createdAt: new Date(), firstResponseTarget: 1 / 60 }) };
      await app.ticketing.ticketRepository.insertIfAbsent(ticket);
      await app.ticketing.queue.enqueue({
        ticketId: ticket.id,
        deadline: ticket.deadline,
        groups: routingGroupsFor(ticket),
      });
      await app.service.slaTimers.schedule(ticket);

      await vi.waitFor(() => expect(alerts.filter((alert) => alert.ticketId === ticket.id)).toHaveLength(1), {
        timeout: 10_000,
        interval: 50,
      });
      const stored = await app.ticketing.tickets.get(ticket.id);
      expect(stored.slaBreaches.firstResponse).not.toBeNull();
      // Still first in line (an overdue deadline is ahead of everything not yet due).
      expect((await app.ticketing.queue.position(ticket.id))?.position).toBe(1);
      // Give a duplicate alert time to arrive: there must be none.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(alerts).toEqual([expect.objectContaining({ ticketId: ticket.id, kind: 'firstResponse' })]);
    } finally {
      socket.close();
    }
  });
});
