import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerProfileService, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { createTicketQueue, type TicketQueue } from '../ranked-queue/ticket-queue.ts';
import { deadlineFromBreakdown } from '../ranking/deadline.ts';
import { customerStandingFromProfiles } from './customer-standing.ts';
import { summarizeTicket } from './ticket-summary.ts';
import { openTicket, type OpenTicketDeps } from './open-ticket.ts';
import { createTicketRepository, type TicketRepository } from './ticket-repository.ts';

const createdAt = new Date('2025-03-01T10:00:00.000Z');

describe('openTicket', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let tickets: TicketRepository;
  let queue: TicketQueue;
  let profiles: CustomerProfileService;
  let deps: OpenTicketDeps;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    tickets = createTicketRepository(db.connection);
    queue = createTicketQueue({ redis: server.redis, prefix: server.prefix });
    profiles = createCustomerProfileService({ connection: db.connection, clock: () => createdAt });
    await Promise.all([tickets.init(), profiles.init()]);
    deps = {
      tickets,
      queue,
      policy: () => Promise.resolve(defaultSlaPolicy),
      customerStanding: customerStandingFromProfiles(profiles),
      clock: () => createdAt,
    };
    // $1,200 in the last year makes a gold customer under the default profile policy.
    await profiles.ingestOrder({
      number: '1042',
      customer: { id: 'cus_gold', email: 'gold@example.com', name: 'Grace Gold' },
      placedAt: '2025-02-01T09:00:00.000Z',
      status: 'delivered',
      currency: 'USD',
      lineItems: [{ sku: 'LAMP', name: 'Desk lamp', quantity: 1, unitPrice: 120_000 }],
      totals: { subtotal: 120_000, total: 120_000 },
    });
  });
  afterAll(async () => {
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('ranks by the customer’s tier and value from their profile, stores the breakdown, and queues it', async () => {
    const { ticket, created } = await openTicket(deps, {
      customerId: 'cus_gold',
      language: 'en',
      issueKind: 'order_missing',
    });
    expect(created).toBe(true);
    expect(ticket.breakdown.tier).toBe('gold');
    // The only customer sits at the 50th percentile: no value adjustment.
    expect(ticket.breakdown.valuePercentile).toBe(50);
    expect(ticket.explanation).toBe('Gold, missing parcel: target 20 min');
    expect(ticket.skill).toBe('shipping');

    const stored = await tickets.findById(ticket.id);
    expect(stored?.deadline).toEqual(new Date(createdAt.getTime() + 20 * 60_000));
    expect(stored && deadlineFromBreakdown(stored.createdAt, stored.breakdown).deadline).toEqual(stored?.deadline);
    expect(stored?.history).toEqual([{ from: null, to: 'open', by: { kind: 'system' }, at: createdAt, action: 'open' }]);
    expect((await queue.position(ticket.id))?.groups.map((g) => g.group)).toEqual(['en:shipping']);
    // The queue row names the customer from their profile, not by id.
    expect(stored?.customerName).toBe('Grace Gold');
    expect(summarizeTicket(ticket)).toMatchObject({ customerId: 'cus_gold', customerName: 'Grace Gold' });
  });

  it('ranks a shopper the shop does not know as bronze without a value adjustment', async () => {
    const { ticket } = await openTicket(deps, { customerId: 'cus_nobody', language: 'zh-Hant', issueKind: 'general' });
    expect(ticket.breakdown.tier).toBe('bronze');
    expect(ticket.breakdown.valuePercentile).toBeNull();
    expect(summarizeTicket(ticket).customerName).toBeNull();
    expect(ticket.explanation).toBe('Bronze, general question: target 4 h 30 min');
  });

  it('opens one ticket for the same id however often it is asked, and queues it if a crash left it out', async () => {
    const input = { id: 'tkt_conv_77', language: 'en' as const, issueKind: 'return' as const };
    const first = await openTicket(deps, input);
    const again = await openTicket(deps, input);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.ticket).toEqual(first.ticket);
    expect(await queue.size('en:returns')).toBe(1);

    // A crash after the insert and before the enqueue: the retry puts it in the queue.
    await queue.remove('tkt_conv_77');
    await openTicket(deps, input);
    expect((await queue.position('tkt_conv_77'))?.position).toBe(1);
  });
});
