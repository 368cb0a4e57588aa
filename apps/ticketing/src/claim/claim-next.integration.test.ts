import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages } from '@loyaldesk/contracts/language';
import type { SlaPolicy } from '@loyaldesk/contracts/policies';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import type { RoutingGroup } from '../ranked-queue/routing-group.ts';
import { createTicketQueue, type TicketQueueOptions } from '../ranked-queue/ticket-queue.ts';
import { deadlineFromBreakdown, largestTargetMinutes, overtakeWindowMs } from '../ranking/deadline.ts';
import { explainDeadline } from '../ranking/explain-deadline.ts';
import { slaPolicyArbitrary, ticketFactsArbitrary } from '../testing/arbitraries.ts';
import { stormAgents, stormGroups, stormTickets } from '../testing/claim-storm.ts';
import { buildTicket, byDeadline, queueEntryOf } from '../testing/ticket-fixtures.ts';
import { openTicket } from '../tickets/open-ticket.ts';
import { ticketCollection } from '../tickets/ticket-model.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { claimNext } from './claim-next.ts';

const t0 = Date.parse('2025-03-01T10:00:00.000Z');
const minute = 60_000;

describe('claimNext', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let tickets: TicketRepository;
  let queues = 0;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    tickets = createTicketRepository(db.connection);
    await tickets.init();
  });
  afterAll(async () => {
    await Promise.all([db.drop(), server.cleanup()]);
  });

  function freshQueue(options: Partial<TicketQueueOptions> = {}) {
    queues++;
    return createTicketQueue({ redis: server.redis, prefix: `${server.prefix}c${queues}:`, ...options });
  }

  it('assigns the earliest-deadline open ticket to the agent and records who and when', async () => {
    const queue = freshQueue();
    const later = buildTicket(
      'one-later',
      { createdAt: new Date(t0), tier: 'bronze', valuePercentile: null, issueKind: 'general' },
      defaultSlaPolicy,
    );
    const sooner = buildTicket(
      'one-sooner',
      { createdAt: new Date(t0), tier: 'gold', valuePercentile: 97, issueKind: 'order_missing' },
      defaultSlaPolicy,
    );
    await tickets.insertMany([later, sooner]);
    await queue.enqueueMany([later, sooner].map(queueEntryOf));

    const claimedAt = new Date(t0 + 5 * minute);
    const claimed = await claimNext(
      { queue, tickets, clock: () => claimedAt },
      { agentId: 'agent-ann', groups: ['en:general'] },
    );
    expect(claimed?.id).toBe('one-sooner');
    expect(claimed?.status).toBe('assigned');
    const stored = await tickets.findById('one-sooner');
    expect(stored?.assigneeId).toBe('agent-ann');
    expect(stored?.assignedAt).toEqual(claimedAt);
    expect(stored?.history.at(-1)).toEqual({
      from: 'open',
      to: 'assigned',
      by: { kind: 'agent', id: 'agent-ann' },
      at: claimedAt,
      action: 'claim',
      assigneeId: 'agent-ann',
    });
    expect(stored?.explanation).toBe('Gold, top 5% value, missing parcel: target 10 min');
    // The lease is released once the database has confirmed.
    expect(await server.redis.zcard(queue.keys.leases)).toBe(0);
  });

  it('skips a queued ticket that is no longer open and claims the next one', async () => {
    const queue = freshQueue();
    const facts = { tier: 'silver' as const, valuePercentile: 50, issueKind: 'return' as const };
    const gone = buildTicket('skip-gone', { ...facts, createdAt: new Date(t0) }, defaultSlaPolicy);
    const next = buildTicket('skip-next', { ...facts, createdAt: new Date(t0 + minute) }, defaultSlaPolicy);
    await tickets.insertMany([{ ...gone, status: 'resolved' }, next]);
    await queue.enqueueMany([gone, next].map(queueEntryOf));

    const claimed = await claimNext({ queue, tickets }, { agentId: 'agent-bo', groups: ['en:general'] });
    expect(claimed?.id).toBe('skip-next');
    expect((await tickets.findById('skip-gone'))?.status).toBe('resolved');
    expect(await server.redis.zcard(queue.keys.leases)).toBe(0);
    expect(await claimNext({ queue, tickets }, { agentId: 'agent-bo', groups: ['en:general'] })).toBeNull();
  });

  it('follows deadline order, bounds overtaking by newer tickets, and stores a breakdown that reproduces the deadline (property)', async () => {
    const groups: RoutingGroup[] = languages.map((language) => `${language}:general`);
    const arrival = fc.record({
      kind: fc.constant('arrive' as const),
      gapMinutes: fc.integer({ min: 0, max: 240 }),
      facts: ticketFactsArbitrary(0, 0),
      language: fc.constantFrom(...languages),
    });
    const step = fc.oneof(
      { arbitrary: arrival, weight: 3 },
      { arbitrary: fc.constant({ kind: 'claim' as const }), weight: 2 },
    );
    let run = 0;

    await fc.assert(
      fc.asyncProperty(slaPolicyArbitrary, fc.array(step, { maxLength: 50 }), async (policy: SlaPolicy, steps) => {
        run++;
        const queue = freshQueue();
        let now = t0;
        const waiting = new Map<string, Ticket>();
        const claimOrder: Ticket[] = [];
        const deps = {
          tickets,
          queue,
          policy: () => Promise.resolve(policy),
          clock: () => new Date(now),
        };
        const claim = async (): Promise<void> => {
          const expected = [...waiting.values()].sort(byDeadline)[0];
          const claimed = await claimNext(
            { queue, tickets, clock: () => new Date(now) },
            { agentId: 'agent-p', groups },
          );
          // (a) Each claim is the earliest deadline among the tickets waiting at that moment.
          expect(claimed?.id ?? null).toBe(expected?.id ?? null);
          if (claimed) {
            waiting.delete(claimed.id);
            claimOrder.push(claimed);
          }
        };

        let n = 0;
        for (const s of steps) {
          if (s.kind === 'claim') {
            await claim();
            continue;
          }
          now += s.gapMinutes * minute;
          const { ticket } = await openTicket(
            {
              ...deps,
              customerStanding: () => Promise.resolve({ tier: s.facts.tier, valuePercentile: s.facts.valuePercentile }),
            },
            {
              id: `p${run}-t${String(n++).padStart(3, '0')}`,
              language: s.language,
              issueKind: s.facts.issueKind,
              skill: 'general',
            },
          );
          waiting.set(ticket.id, ticket);
        }
        while (waiting.size > 0) await claim();
        expect(await claimNext({ queue, tickets }, { agentId: 'agent-p', groups })).toBeNull();

        // (b) A ticket is only ever overtaken by tickets created within the bound after it.
        const window = overtakeWindowMs(policy);
        const bound = largestTargetMinutes(policy) * minute;
        claimOrder.forEach((ticket, position) => {
          const overtakers = claimOrder.slice(0, position).filter((other) => other.createdAt > ticket.createdAt);
          for (const other of overtakers) {
            expect(other.createdAt.getTime() - ticket.createdAt.getTime()).toBeLessThanOrEqual(window);
          }
          const createdWithinBound = claimOrder.filter(
            (other) =>
              other.createdAt > ticket.createdAt && other.createdAt.getTime() - ticket.createdAt.getTime() <= bound,
          );
          expect(overtakers.length).toBeLessThanOrEqual(createdWithinBound.length);
        });

        // (c) What is stored reproduces the deadline and the sentence agents see; assigned once.
        for (const claimed of claimOrder) {
          const stored = await tickets.findById(claimed.id);
          if (!stored) throw new Error(`ticket ${claimed.id} missing`);
          expect(deadlineFromBreakdown(stored.createdAt, stored.breakdown).deadline).toEqual(stored.deadline);
          expect(explainDeadline(stored.breakdown)).toBe(stored.explanation);
          expect(stored.status).toBe('assigned');
          expect(stored.history.filter((change) => change.to === 'assigned')).toHaveLength(1);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('gives each of 2,000 tickets to exactly one of 20 agents claiming in parallel', async () => {
    const queue = freshQueue();
    const all = stormTickets({ idPrefix: 'storm', count: 2000, seed: 20250301, start: t0 });
    await tickets.insertMany(all);
    await queue.enqueueMany(all.map(queueEntryOf));
    const agents = stormAgents(20);
    const claimsByAgent = await Promise.all(
      agents.map(async (agent) => {
        const mine: Ticket[] = [];
        for (;;) {
          const ticket = await claimNext({ queue, tickets }, agent);
          if (!ticket) return { agent, mine };
          mine.push(ticket);
        }
      }),
    );

    const claimedIds = claimsByAgent.flatMap(({ mine }) => mine.map((ticket) => ticket.id));
    expect(claimedIds).toHaveLength(all.length);
    expect(new Set(claimedIds)).toEqual(new Set(all.map((ticket) => ticket.id)));

    for (const { agent, mine } of claimsByAgent) {
      // No ticket arrives during the storm, so each agent's own claims come in deadline order.
      const deadlines = mine.map((ticket) => ticket.deadline.getTime());
      expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
      for (const ticket of mine) expect(agent.groups).toContain(`${ticket.language}:${ticket.skill}`);
    }

    const owner = new Map(
      claimsByAgent.flatMap(({ agent, mine }) => mine.map((ticket) => [ticket.id, agent.agentId] as const)),
    );
    const stored = await ticketCollection(db.connection)
      .find({ _id: { $regex: /^storm-/ } })
      .toArray();
    expect(stored).toHaveLength(all.length);
    for (const document of stored) {
      expect(document.status).toBe('assigned');
      expect(document.assigneeId).toBe(owner.get(document._id));
      expect(document.history.filter((change) => change.to === 'assigned')).toHaveLength(1);
    }
    expect(await server.redis.zcard(queue.keys.leases)).toBe(0);
    for (const group of stormGroups) expect(await queue.size(group)).toBe(0);
  }, 120_000);
});
