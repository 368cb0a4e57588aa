import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopperMessageJobId } from '@loyaldesk/contracts/chat-jobs';
import { handoffJobId, handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { startWiredTestApp, type WiredTestApp } from '../testing/test-app.ts';
import { handoffTicketInput } from '../handoff/handoff-ticket.ts';
import { earlyChatMessagesCollection } from './early-messages.ts';
import { until } from '../testing/until.ts';

const handoff = (conversationId: string): HandoffJob => ({
  conversationId,
  language: 'en',
  issueKind: 'general',
  reason: 'requested',
  transcriptSummary: 'Shopper: talk to a human',
  requestedAt: new Date().toISOString(),
});

describe('shopper messages that reach ticketing before their handoff', () => {
  let app: WiredTestApp;

  beforeAll(async () => {
    app = await startWiredTestApp();
  });
  afterAll(() => app.stop());

  it('are held, not retried, and land on the ticket in order when the handoff opens it', async () => {
    const conversationId = 'conv_early_1';
    const queue = app.service.jobQueues.shopperMessages;
    const sent = ['first', 'second'].map((body, index) => ({
      conversationId,
      ticketId: null,
      language: 'en',
      message: { id: `msg_early_${index}`, body, at: new Date(Date.UTC(2026, 11, 7, 12, 0, index)).toISOString() },
    }));
    // The second one is sent first: the ticket shows them by the shopper's order all the same.
    for (const job of [...sent].reverse())
      await queue.add(job, { jobId: shopperMessageJobId(job.message.id), attempts: 8 });
    const completed = await until(async () => {
      const jobs = await Promise.all(sent.map((job) => queue.getJob(shopperMessageJobId(job.message.id))));
      return jobs.every((job) => job?.finishedOn) ? jobs : null;
    }, 'the early message jobs to finish');
    expect(completed.map((job) => job?.attemptsMade)).toEqual([0, 0]);
    expect(await app.ticketing.ticketRepository.findById(handoffTicketId(conversationId))).toBeNull();

    await app.service.jobQueues.handoff.add(handoff(conversationId), { jobId: handoffJobId(conversationId) });
    const ticket = await until(async () => {
      const found = await app.ticketing.ticketRepository.findById(handoffTicketId(conversationId));
      return found && found.messages.filter((message) => message.author.kind === 'customer').length >= 2 ? found : null;
    }, 'the held messages on the ticket');
    expect(
      ticket.messages.filter((message) => message.id.startsWith('msg_early_')).map((message) => message.body),
    ).toEqual(['first', 'second']);
    // Released after the ticket write, by the same worker: a moment later at most.
    await until(async () => {
      const held = await app.db.connection.db
        ?.collection(earlyChatMessagesCollection)
        .findOne({ _id: conversationId as never });
      const messages: unknown = held?.['messages'];
      return Array.isArray(messages) && messages.length === 0;
    }, 'the held messages released once on the ticket');
  });
});

describe('shopper messages racing a resolved ticket', () => {
  let app: WiredTestApp;

  beforeAll(async () => {
    app = await startWiredTestApp();
  });
  afterAll(() => app.stop());

  it('all land when several arrive at once on a resolved ticket (each would reopen it)', async () => {
    const conversationId = 'conv_reopen_race';
    const { ticket } = await app.ticketing.tickets.open(
      handoffTicketInput({ ...handoff(conversationId), requestedAt: new Date().toISOString() }, new Date()),
    );
    const manager = { actor: { kind: 'system' as const }, role: 'admin' as const };
    await app.ticketing.tickets.claim(ticket.id, { actor: { kind: 'agent', id: 'agt_race' }, role: 'agent' });
    await app.ticketing.tickets.resolve(ticket.id, manager);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, index) =>
        app.ticketing.tickets.addShopperMessage(ticket.id, { id: `msg_race_${index}`, body: `still there? ${index}` }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const after = await app.ticketing.ticketRepository.findById(ticket.id);
    expect(after?.status).toBe('open');
    expect(after?.messages.filter((message) => message.id.startsWith('msg_race_'))).toHaveLength(6);
  });
});
