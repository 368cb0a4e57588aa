import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import type { RoutingGroup } from '../ranked-queue/routing-group.ts';
import { createTicketQueue } from '../ranked-queue/ticket-queue.ts';
import { ticketFactsArbitrary } from '../testing/arbitraries.ts';
import { buildTicket, queueEntryOf } from '../testing/ticket-fixtures.ts';
import { ticketCollection } from '../tickets/ticket-model.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import { claimNext } from './claim-next.ts';
import { requeueExpiredLeases } from './requeue-expired-leases.ts';

const t0 = Date.parse('2025-03-01T10:00:00.000Z');
const leaseMs = 30_000;
const groups: RoutingGroup[] = ['en:general'];

describe('requeueExpiredLeases', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let tickets: TicketRepository;
  let queues = 0;
  let now = t0;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    tickets = createTicketRepository(db.connection);
    await tickets.init();
  });
  afterAll(async () => {
    await Promise.all([db.drop(), server.cleanup()]);
  });

  /** A queue with its own keys whose clock the test moves (to expire leases). */
  function freshQueue() {
    queues++;
    now = t0;
    return createTicketQueue({ redis: server.redis, prefix: `${server.prefix}r${queues}:`, leaseMs, clock: () => now });
  }

  async function openTickets(idPrefix: string, count: number) {
    const facts = fc.sample(ticketFactsArbitrary(t0, 60 * 60_000), { numRuns: count, seed: 7 });
    const all = facts.map((fact, i) =>
      buildTicket(`${idPrefix}-${String(i).padStart(3, '0')}`, fact, defaultSlaPolicy),
    );
    await tickets.insertMany(all);
    return all;
  }

  it('puts back a ticket popped by a claimer that died before confirming, once its lease expires', async () => {
    const queue = freshQueue();
    const [ticket] = await openTickets('crash-before', 1);
    if (!ticket) throw new Error('no ticket');
    await queue.enqueue(queueEntryOf(ticket));

    // The claimer pops the ticket, then dies: no confirm, no release.
    const leased = await queue.leaseNext('agent-dies', groups);
    expect(leased?.ticketId).toBe(ticket.id);
    expect(await claimNext({ queue, tickets }, { agentId: 'agent-lives', groups })).toBeNull();

    // Before the lease runs out nothing moves.
    now = t0 + leaseMs - 1;
    expect(await requeueExpiredLeases({ queue, tickets })).toEqual({ requeued: [], discarded: [] });

    now = t0 + leaseMs + 1;
    const heard: string[] = [];
    const onRequeued = (requeued: { id: string }) => heard.push(requeued.id);
    expect(await requeueExpiredLeases({ queue, tickets, onRequeued })).toEqual({
      requeued: [ticket.id],
      discarded: [],
    });
    expect(heard).toEqual([ticket.id]);
    expect((await queue.position(ticket.id))?.position).toBe(1);

    const claimed = await claimNext({ queue, tickets }, { agentId: 'agent-lives', groups });
    expect(claimed?.id).toBe(ticket.id);
    const stored = await tickets.findById(ticket.id);
    expect(stored?.assigneeId).toBe('agent-lives');
    expect(stored?.history.filter((change) => change.to === 'assigned')).toHaveLength(1);
    // Requeued at its stored deadline, so it kept its place.
    expect(claimed?.deadline).toEqual(ticket.deadline);
    expect(await server.redis.zcard(queue.keys.leases)).toBe(0);
  });

  it('drops the lease without requeueing when the claimer died after MongoDB confirmed', async () => {
    const queue = freshQueue();
    const [ticket] = await openTickets('crash-after', 1);
    if (!ticket) throw new Error('no ticket');
    await queue.enqueue(queueEntryOf(ticket));

    const leased = await queue.leaseNext('agent-dies', groups);
    if (!leased) throw new Error('expected a lease');
    expect(
      await tickets.assignIfOpen({ ticketId: leased.ticketId, agentId: 'agent-dies', at: new Date(now) }),
    ).not.toBeNull();
    // …dies before releasing the lease.

    now = t0 + leaseMs + 1;
    expect(await requeueExpiredLeases({ queue, tickets })).toEqual({ requeued: [], discarded: [ticket.id] });
    expect(await queue.position(ticket.id)).toBeNull();
    expect(await claimNext({ queue, tickets }, { agentId: 'agent-lives', groups })).toBeNull();
    expect((await tickets.findById(ticket.id))?.assigneeId).toBe('agent-dies');
  });

  it('lets only one of a slow claimer and the next claimer win after a requeue', async () => {
    const queue = freshQueue();
    const [ticket] = await openTickets('slow', 1);
    if (!ticket) throw new Error('no ticket');
    await queue.enqueue(queueEntryOf(ticket));

    const slow = await queue.leaseNext('agent-slow', groups);
    if (!slow) throw new Error('expected a lease');
    now = t0 + leaseMs + 1;
    await requeueExpiredLeases({ queue, tickets });
    const fast = await claimNext({ queue, tickets }, { agentId: 'agent-fast', groups });
    expect(fast?.id).toBe(ticket.id);
    // The slow claimer's confirm finally arrives, and is refused.
    expect(
      await tickets.assignIfOpen({ ticketId: slow.ticketId, agentId: 'agent-slow', at: new Date(now) }),
    ).toBeNull();
    expect((await tickets.findById(ticket.id))?.assigneeId).toBe('agent-fast');
  });

  it('loses no ticket and assigns none twice when claimers keep dying during a claim storm', async () => {
    const queue = freshQueue();
    const all = await openTickets('storm', 300);
    await queue.enqueueMany(all.map(queueEntryOf));
    // One claim attempt in ten dies between the pop and the confirm (a fixed seed, so runs repeat).
    const draws = fc.sample(fc.integer({ min: 0, max: 9 }), { numRuns: 5000, seed: 99 });
    let draw = 0;
    const dies = (): boolean => draws[draw++ % draws.length] === 0;
    let crashed = 0;
    const claimed: string[] = [];

    for (let round = 0; round < 50; round++) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, k) => {
          const agentId = `agent-${round}-${k}`;
          for (;;) {
            if (dies()) {
              // Popped and leased, then the process is gone.
              if (await queue.leaseNext(agentId, groups)) crashed++;
              return;
            }
            const ticket = await claimNext({ queue, tickets }, { agentId, groups });
            if (!ticket) return;
            claimed.push(ticket.id);
          }
        }),
      );
      now += leaseMs + 1;
      const { requeued } = await requeueExpiredLeases({ queue, tickets });
      if (requeued.length === 0 && (await queue.size('en:general')) === 0) break;
    }

    expect(crashed).toBeGreaterThan(0);
    expect(claimed).toHaveLength(all.length);
    expect(new Set(claimed)).toEqual(new Set(all.map((ticket) => ticket.id)));
    const stored = await ticketCollection(db.connection)
      .find({ _id: { $regex: /^storm-/ } })
      .toArray();
    expect(stored.every((document) => document.status === 'assigned')).toBe(true);
    expect(stored.every((document) => document.history.filter((change) => change.to === 'assigned').length === 1)).toBe(
      true,
    );
    expect(await server.redis.zcard(queue.keys.leases)).toBe(0);
  });
});
