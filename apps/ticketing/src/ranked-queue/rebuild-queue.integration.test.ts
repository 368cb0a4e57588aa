import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { claimNext } from '../claim/claim-next.ts';
import { requeueExpiredLeases } from '../claim/requeue-expired-leases.ts';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { ticketFactsArbitrary } from '../testing/arbitraries.ts';
import { buildTicket, byDeadline, queueEntryOf } from '../testing/ticket-fixtures.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import { rebuildQueueFromMongo } from './rebuild-queue.ts';
import type { RoutingGroup } from './routing-group.ts';
import { createTicketQueue } from './ticket-queue.ts';

const t0 = Date.parse('2025-03-01T10:00:00.000Z');
const groups: RoutingGroup[] = ['en:general', 'zh-Hans:general'];

describe('rebuildQueueFromMongo', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let tickets: TicketRepository;
  let open: Ticket[];
  let now = t0;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    tickets = createTicketRepository(db.connection);
    await tickets.init();
    const facts = fc.sample(ticketFactsArbitrary(t0, 120 * 60_000), { numRuns: 80, seed: 11 });
    const all = facts.map((fact, i) =>
      buildTicket(`rb-${String(i).padStart(2, '0')}`, fact, defaultSlaPolicy, {
        language: i % 2 ? 'en' : 'zh-Hans',
        skill: 'general',
      }),
    );
    // A quarter are no longer open: the rebuild must leave them out.
    const closed = all.filter((_, i) => i % 4 === 0).map((ticket) => ({ ...ticket, status: 'resolved' as const }));
    open = all.filter((_, i) => i % 4 !== 0);
    await tickets.insertMany([...open, ...closed]);
  });
  afterAll(async () => {
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('recreates a lost queue from the open tickets, in deadline order', async () => {
    // A queue whose Redis data is gone: nothing under its keys.
    const queue = createTicketQueue({ redis: server.redis, prefix: `${server.prefix}lost:` });
    expect(await rebuildQueueFromMongo({ queue, tickets })).toBe(open.length);
    expect((await queue.size('en:general')) + (await queue.size('zh-Hans:general'))).toBe(open.length);

    const served: string[] = [];
    for (;;) {
      const leased = await queue.leaseNext('agent-r', groups);
      if (!leased) break;
      served.push(leased.ticketId);
    }
    expect(served).toEqual([...open].sort(byDeadline).map((ticket) => ticket.id));
  });

  it('drops stale entries and puts back a leased ticket without letting it be assigned twice', async () => {
    now = t0;
    const queue = createTicketQueue({ redis: server.redis, prefix: `${server.prefix}stale:`, clock: () => now });
    await queue.enqueue({ ticketId: 'ghost', deadline: new Date(t0 + 10 * 86_400_000), groups: ['en:general'] });
    await queue.enqueueMany(open.map(queueEntryOf));
    const first = [...open].sort(byDeadline)[0];
    // An agent pops the first ticket and is mid-claim when the rebuild runs.
    const leased = await queue.leaseNext('agent-mid', groups);
    expect(leased?.ticketId).toBe(first?.id);

    expect(await rebuildQueueFromMongo({ queue, tickets })).toBe(open.length);
    expect(await queue.position('ghost')).toBeNull();
    expect((await queue.position(first?.id ?? ''))?.position).toBe(1);

    // The mid-claim agent confirms; the rebuilt entry is then stale and gets skipped.
    if (!leased) throw new Error('expected a lease');
    expect(
      await tickets.assignIfOpen({ ticketId: leased.ticketId, agentId: 'agent-mid', at: new Date(now) }),
    ).not.toBeNull();
    await queue.completeClaim(leased);
    const next = await claimNext({ queue, tickets }, { agentId: 'agent-other', groups });
    expect(next?.id).toBe([...open].sort(byDeadline)[1]?.id);
    expect((await tickets.findById(leased.ticketId))?.assigneeId).toBe('agent-mid');

    now = t0 + queue.leaseMs + 1;
    expect(await requeueExpiredLeases({ queue, tickets })).toEqual({ requeued: [], discarded: [] });
  });
});
