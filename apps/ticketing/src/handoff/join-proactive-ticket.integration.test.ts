import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopperMessageJobId } from '@loyaldesk/contracts/chat-jobs';
import { handoffJobId, handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { createCustomerProactiveTickets } from '../proactive/customer-proactive-tickets.ts';
import { startWiredTestApp, type WiredTestApp } from '../testing/test-app.ts';
import { until } from '../testing/until.ts';
import { openTicketInputSchema } from '../tickets/open-ticket.ts';

const handoff = (conversationId: string, customerId?: string): HandoffJob => ({
  conversationId,
  ...(customerId ? { customerId } : {}),
  language: 'en',
  issueKind: 'order_delayed',
  reason: 'requested',
  transcriptSummary: 'Shopper: where is my kettle? talk to a human',
  orderNumber: '7201',
  requestedAt: new Date().toISOString(),
});

describe('a handoff about a parcel with a proactive ticket', () => {
  let app: WiredTestApp;
  const proactiveId = 'tkt_pro_join_7201';

  beforeAll(async () => {
    app = await startWiredTestApp();
    await app.ticketing.tickets.open(
      openTicketInputSchema.parse({
        id: proactiveId,
        customerId: 'cus_7201',
        language: 'en',
        issueKind: 'order_delayed',
        channel: 'email',
        subject: 'Proactive: delayed parcel, order #7201',
        messages: [{ author: { kind: 'system', name: 'Delivery tracking' }, visibility: 'internal', body: 'Proactive: delayed parcel on order #7201.' }],
        requester: { email: 'shopper.7201@example.com' },
        orderNumber: '7201',
        proactive: { kind: 'delayed', orderNumber: '7201', shipmentId: 'shp_7201', trackingNumber: '1Z7201' },
      }),
    );
    const database = app.db.connection.db;
    if (!database) throw new Error('no database');
    await createCustomerProactiveTickets(database).add('cus_7201', { ticketId: proactiveId, orderNumber: '7201', openedAt: new Date() });
  });
  afterAll(() => app.stop());

  it('joins the verified customer to the proactive ticket (one ticket), and their messages before the chat knows its id land on it', async () => {
    const conversationId = 'conv_join_7201';
    await app.service.jobQueues.handoff.add(handoff(conversationId, 'cus_7201'), { jobId: handoffJobId(conversationId) });
    const joined = await until(async () => {
      const ticket = await app.ticketing.ticketRepository.findById(proactiveId);
      return ticket?.conversationId === conversationId ? ticket : null;
    }, 'the proactive ticket joined');
    expect(joined.channel).toBe('chat');
    expect(joined.messages.at(-1)).toMatchObject({ visibility: 'internal', body: expect.stringMatching(/^The shopper wrote in chat about this/) });
    expect(await app.ticketing.ticketRepository.findById(handoffTicketId(conversationId))).toBeNull();

    // The chat has not heard the ticket's id yet: the message names none.
    const queue = app.service.jobQueues.shopperMessages;
    const job = { conversationId, ticketId: null, language: 'en', message: { id: 'msg_join_1', body: 'it has been a week', at: new Date().toISOString() } };
    await queue.add(job, { jobId: shopperMessageJobId(job.message.id), attempts: 8 });
    const withMessage = await until(async () => {
      const ticket = await app.ticketing.ticketRepository.findById(proactiveId);
      return ticket?.messages.some((message) => message.id === 'msg_join_1') ? ticket : null;
    }, 'the shopper message on the proactive ticket');
    expect(withMessage.messages.filter((message) => message.id === 'msg_join_1')).toHaveLength(1);
  });

  it('opens the conversation its own ticket for an unverified shopper', async () => {
    const conversationId = 'conv_guest_7201';
    await app.service.jobQueues.handoff.add(handoff(conversationId), { jobId: handoffJobId(conversationId) });
    const own = await until(() => app.ticketing.ticketRepository.findById(handoffTicketId(conversationId)), 'the handoff ticket');
    expect(own.proactive ?? null).toBeNull();
    expect((await app.ticketing.ticketRepository.findById(proactiveId))?.conversationId).toBe('conv_join_7201');
  });
});
