import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handoffJobId, handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { queueNames } from '@loyaldesk/contracts/queues';
import { createCustomerProfileService, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { createTicketQueue, type TicketQueue } from '../ranked-queue/ticket-queue.ts';
import { customerStandingFromProfiles } from '../tickets/customer-standing.ts';
import { openTicket } from '../tickets/open-ticket.ts';
import { ticketCollection } from '../tickets/ticket-model.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import { startHandoffWorker } from './handoff-worker.ts';

const now = new Date('2026-03-01T10:00:05.000Z');

const handoff: HandoffJob = {
  conversationId: 'conv_42',
  customerId: 'cus_gold',
  language: 'en',
  issueKind: 'order_missing',
  reason: 'requested',
  transcriptSummary: 'Parcel #1042 shows delivered but never arrived.',
  orderNumber: '1042',
  requestedAt: '2026-03-01T10:00:00.000Z',
};

describe('handoff worker', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let handoffQueue: Bull.Queue<unknown>;
  let tickets: TicketRepository;
  let ticketQueue: TicketQueue;
  let profiles: CustomerProfileService;
  const completed = new Map<string, unknown>();
  const failed = new Map<string, Error>();
  const timersEnsured: string[] = [];

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    tickets = createTicketRepository(db.connection);
    ticketQueue = createTicketQueue({ redis: server.redis, prefix: server.prefix });
    profiles = createCustomerProfileService({ connection: db.connection, clock: () => now });
    await Promise.all([tickets.init(), profiles.init()]);
    // $1,200 in the last year: gold under the default profile policy.
    await profiles.ingestOrder({
      number: '1042',
      customer: { id: 'cus_gold', email: 'gold@example.com' },
      placedAt: '2026-02-01T09:00:00.000Z',
      status: 'delivered',
      currency: 'USD',
      lineItems: [{ sku: 'LAMP', name: 'Desk lamp', quantity: 1, unitPrice: 120_000 }],
      totals: { subtotal: 120_000, total: 120_000 },
    });

    handoffQueue = new Bull(queueNames.handoff, server.url, { prefix: server.prefix.replace(/:$/, '') });
    handoffQueue.on('completed', (job: Bull.Job<unknown>, result: unknown) => completed.set(String(job.id), result));
    handoffQueue.on('failed', (job: Bull.Job<unknown>, error: Error) => failed.set(String(job.id), error));
    const openDeps = {
      tickets,
      queue: ticketQueue,
      policy: () => Promise.resolve(defaultSlaPolicy),
      customerStanding: customerStandingFromProfiles(profiles),
      clock: () => now,
    };
    startHandoffWorker(handoffQueue, {
      openTicket: (input) => openTicket(openDeps, input),
      ensureSlaTimers: (ticket) => {
        timersEnsured.push(ticket.id);
        return Promise.resolve();
      },
      clock: () => now,
    });
  });
  afterAll(async () => {
    await handoffQueue.close();
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('opens exactly one ticket when the same handoff is delivered twice as two jobs', async () => {
    // Two deliveries of one handoff under different job ids (a producer retry that lost its id).
    await Promise.all([
      handoffQueue.add(handoff, { jobId: handoffJobId(handoff.conversationId) }),
      handoffQueue.add(handoff, { jobId: 'handoff-conv_42-redelivered' }),
    ]);
    await vi.waitFor(
      () => {
        expect(completed.has(handoffJobId('conv_42'))).toBe(true);
        expect(completed.has('handoff-conv_42-redelivered')).toBe(true);
      },
      { timeout: 10_000, interval: 50 },
    );
    const outcomes = [completed.get(handoffJobId('conv_42')), completed.get('handoff-conv_42-redelivered')];
    expect(outcomes).toContainEqual({ ticketId: 'tkt_conv_conv_42', created: true });
    expect(outcomes).toContainEqual({ ticketId: 'tkt_conv_conv_42', created: false });

    expect(await ticketCollection(db.connection).countDocuments({ conversationId: 'conv_42' })).toBe(1);
    const ticket = await tickets.findById(handoffTicketId('conv_42'));
    expect(ticket).toMatchObject({
      channel: 'chat',
      conversationId: 'conv_42',
      customerId: 'cus_gold',
      orderNumber: '1042',
      status: 'open',
      firstShopperMessageAt: new Date(handoff.requestedAt),
    });
    // Ranked by the customer's tier and value percentile from their profile.
    expect(ticket?.breakdown).toMatchObject({ tier: 'gold', valuePercentile: 50, issueKind: 'order_missing' });
    expect(ticket?.explanation).toBe('Gold, missing parcel: target 20 min');
    expect(ticket?.messages).toHaveLength(1);
    expect(ticket?.messages[0]).toMatchObject({ author: { kind: 'bot' }, visibility: 'internal' });
    expect((await ticketQueue.position('tkt_conv_conv_42'))?.position).toBe(1);
    expect(timersEnsured.filter((id) => id === 'tkt_conv_conv_42')).toHaveLength(2);
  });

  it('fails a malformed payload with a validation error naming the field, for good, storing nothing', async () => {
    const bad = { ...handoff, conversationId: 'conv_43', language: 'fr' };
    const job = await handoffQueue.add(bad, { jobId: 'handoff-conv_43', attempts: 3 });
    await vi.waitFor(() => expect(failed.has('handoff-conv_43')).toBe(true), { timeout: 10_000, interval: 50 });
    const error = failed.get('handoff-conv_43');
    expect(error?.message).toMatch(/^Invalid handoff job: language: /);
    expect(error).toMatchObject({ code: 'loyaldesk:validation_failed', field: 'language' });
    const stored = await handoffQueue.getJob(String(job.id));
    expect(stored?.attemptsMade).toBe(1);
    expect(await stored?.isFailed()).toBe(true);
    expect(await tickets.findById(handoffTicketId('conv_43'))).toBeNull();
    expect(await ticketCollection(db.connection).countDocuments({ conversationId: 'conv_43' })).toBe(0);
  });
});
