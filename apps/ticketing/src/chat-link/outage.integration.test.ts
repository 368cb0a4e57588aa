import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentEventJobSchema } from '@loyaldesk/contracts/chat-jobs';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { handoffTicketInput } from '../handoff/handoff-ticket.ts';
import { signedInClient, startWiredTestApp, type ApiClient, type WiredTestApp } from '../testing/test-app.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { until } from '../testing/until.ts';

/**
 * Redis or the database goes away under the running ticketing service (its links to the real
 * servers are cut; the servers keep running): an agent's reply answered 2xx always reaches the
 * conversation, a reply that could not be stored is refused with 503 and Retry-After, and the ticket
 * list in Redis is repaired when Redis returns.
 */
describe('outages (ticketing side)', () => {
  let app: WiredTestApp;
  let agent: ApiClient;

  beforeAll(async () => {
    app = await startWiredTestApp({ throughOutageProxies: true, redisResyncIntervalMs: 200 });
    agent = await signedInClient(app, 'agent');
  });
  afterAll(() => app.stop());

  function links() {
    if (!app.links) throw new Error('not started through outage proxies');
    return app.links;
  }

  async function chatTicket(): Promise<Ticket> {
    const conversationId = `conv_outage_${randomBytes(4).toString('hex')}`;
    const { ticket } = await app.ticketing.tickets.open(
      handoffTicketInput(
        {
          conversationId,
          language: 'en',
          issueKind: 'general',
          reason: 'requested',
          transcriptSummary: 'Shopper: where is my parcel?',
          requestedAt: new Date().toISOString(),
        },
        new Date(),
      ),
    );
    expect(ticket.id).toBe(handoffTicketId(conversationId));
    return ticket;
  }

  async function agentEventJob(messageId: string) {
    return until(async () => {
      const job = await app.service.jobQueues.agentEvents.getJob(`agent-message-${messageId}`);
      return job ? agentEventJobSchema.parse(job.data) : null;
    }, `the agent event job of ${messageId}`);
  }

  it('a reply answered 201 while Redis is away reaches the chat bot queue once Redis is back', async () => {
    const ticket = await chatTicket();
    links().redis.cut();
    const reply = await agent.request('POST', `/api/tickets/${ticket.id}/reply`, {
      json: { body: 'Your parcel left our warehouse today.', clientMessageId: 'reply-redis-1' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const sent = (reply.body as { ticket: Ticket }).ticket.messages.at(-1);
    links().redis.restore();
    const job = await agentEventJob(sent?.id ?? '');
    expect(job).toMatchObject({ kind: 'agent_message', conversationId: ticket.conversationId });
  });

  it('the ticket list kept in Redis shows what was written while Redis was away, once it is back', async () => {
    const ticket = await chatTicket();
    links().redis.cut();
    const reply = await agent.request('POST', `/api/tickets/${ticket.id}/reply`, { json: { body: 'Checking now.' } });
    expect(reply.status).toBe(201);
    const { status } = (reply.body as { ticket: Ticket }).ticket;
    links().redis.restore();
    const listed = await until(async () => {
      const list = await agent.request('GET', `/api/tickets?status=${status}`);
      const summaries = (list.body as { items?: Array<{ id: string; messageCount: number }> }).items ?? [];
      const found = summaries.find((summary) => summary.id === ticket.id);
      return found && found.messageCount === ticket.messages.length + 1 ? found : null;
    }, 'the ticket list to show the reply');
    expect(listed.messageCount).toBe(ticket.messages.length + 1);
  });

  it('a reply sent while the database is away gets 503 with Retry-After; its retry is stored and delivered once', async () => {
    const ticket = await chatTicket();
    links().database.cut();
    const refused = await agent.request('POST', `/api/tickets/${ticket.id}/reply`, {
      json: { body: 'Sorry for the wait!', clientMessageId: 'reply-db-0001' },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    links().database.restore();
    const stored = await until(async () => {
      const retry = await agent.request('POST', `/api/tickets/${ticket.id}/reply`, {
        json: { body: 'Sorry for the wait!', clientMessageId: 'reply-db-0001' },
      });
      return retry.status === 201 ? (retry.body as { ticket: Ticket }).ticket : null;
    }, 'the retried reply to be stored');
    const copies = stored.messages.filter((message) => message.body === 'Sorry for the wait!');
    expect(copies).toHaveLength(1);
    await agentEventJob(copies[0]?.id ?? '');
  });
});
