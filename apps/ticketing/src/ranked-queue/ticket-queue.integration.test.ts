import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@loyaldesk/platform/testing';
import type { RoutingGroup } from './routing-group.ts';
import { createTicketQueue, type TicketQueueOptions } from './ticket-queue.ts';

const t0 = Date.parse('2025-03-01T10:00:00.000Z');
const at = (minutes: number): Date => new Date(t0 + minutes * 60_000);

describe('TicketQueue', () => {
  let server: TestRedis;
  let queues = 0;
  let now = t0;

  beforeAll(async () => {
    server = await createTestRedis();
  });
  afterAll(() => server.cleanup());

  /** A queue of its own (fresh keys) on the run's real Redis, with a clock the test moves. */
  function freshQueue(options: Partial<TicketQueueOptions> = {}) {
    queues++;
    return createTicketQueue({
      redis: server.redis,
      prefix: `${server.prefix}q${queues}:`,
      clock: () => now,
      ...options,
    });
  }

  it('serves the earliest deadline across the agent’s groups and takes it out of every group it waits in', async () => {
    const queue = freshQueue();
    await queue.enqueue({ ticketId: 'a', deadline: at(10), groups: ['en:shipping', 'en:general'] });
    await queue.enqueue({ ticketId: 'b', deadline: at(5), groups: ['en:returns'] });
    await queue.enqueue({ ticketId: 'c', deadline: at(7), groups: ['en:general'] });

    const first = await queue.leaseNext('agent-1', ['en:shipping', 'en:general']);
    expect(first?.ticketId).toBe('c');
    expect(first?.deadline).toEqual(at(7));
    const second = await queue.leaseNext('agent-1', ['en:shipping', 'en:general']);
    expect(second?.ticketId).toBe('a');
    expect(second?.groups).toEqual(['en:shipping', 'en:general']);
    expect(await queue.size('en:shipping')).toBe(0);
    expect(await queue.size('en:general')).toBe(0);
    expect(await queue.leaseNext('agent-1', ['en:shipping', 'en:general'])).toBeNull();
    // 'b' was never in the agent's groups and still waits.
    expect(await queue.size('en:returns')).toBe(1);
  });

  it('breaks deadline ties by ticket id, the same way every time', async () => {
    const queue = freshQueue();
    await queue.enqueue({ ticketId: 'tkt_b', deadline: at(5), groups: ['en:general'] });
    await queue.enqueue({ ticketId: 'tkt_a', deadline: at(5), groups: ['en:shipping'] });
    expect((await queue.leaseNext('x', ['en:general', 'en:shipping']))?.ticketId).toBe('tkt_a');
    expect((await queue.leaseNext('x', ['en:general', 'en:shipping']))?.ticketId).toBe('tkt_b');
  });

  it('moves a ticket when it is queued again, reschedules only queued tickets, and removes', async () => {
    const queue = freshQueue();
    await queue.enqueue({ ticketId: 'a', deadline: at(10), groups: ['en:general'] });
    await queue.enqueue({ ticketId: 'a', deadline: at(20), groups: ['zh-Hans:general'] });
    expect(await queue.size('en:general')).toBe(0);
    expect(await queue.size('zh-Hans:general')).toBe(1);

    await queue.enqueue({ ticketId: 'b', deadline: at(15), groups: ['zh-Hans:general'] });
    expect(await queue.reschedule('a', at(1))).toBe(true);
    expect((await queue.position('a'))?.position).toBe(1);
    expect(await queue.reschedule('never-queued', at(1))).toBe(false);
    expect(await queue.size('zh-Hans:general')).toBe(2);

    expect(await queue.remove('a')).toBe(true);
    expect(await queue.remove('a')).toBe(false);
    expect(await queue.position('a')).toBeNull();
    expect((await queue.position('b'))?.position).toBe(1);
  });

  it('reports place in line and an expected wait from the claims recorded in the window', async () => {
    now = t0;
    const queue = freshQueue({ claimWindowMs: 10 * 60_000 });
    const group: RoutingGroup = 'en:shipping';
    for (let i = 0; i < 8; i++) await queue.enqueue({ ticketId: `t${i}`, deadline: at(i), groups: [group] });

    const before = await queue.position('t6');
    expect(before?.position).toBe(7);
    expect(before?.expectedWaitMs).toBeNull();

    // Four claims in the window: one every 2.5 min.
    for (let i = 0; i < 4; i++) {
      const leased = await queue.leaseNext('agent-1', [group]);
      if (!leased) throw new Error('expected a ticket');
      await queue.completeClaim(leased);
    }
    const after = await queue.position('t6');
    expect(after?.position).toBe(3);
    expect(after?.groups).toEqual([{ group, ahead: 2, recentClaims: 4 }]);
    expect(after?.expectedWaitMs).toBe(3 * 150_000);

    // Claims older than the window no longer count.
    now = t0 + 11 * 60_000;
    expect((await queue.position('t6'))?.expectedWaitMs).toBeNull();
    now = t0;
  });

  it('leases a popped ticket until it expires, then lets it be requeued exactly once', async () => {
    now = t0;
    const queue = freshQueue({ leaseMs: 30_000 });
    await queue.enqueue({ ticketId: 'a', deadline: at(3), groups: ['en:general'] });
    const leased = await queue.leaseNext('agent-1', ['en:general']);
    expect(leased?.expiresAt).toEqual(new Date(t0 + 30_000));
    expect(await queue.expiredLeases()).toEqual([]);

    now = t0 + 30_001;
    const expired = await queue.expiredLeases();
    expect(expired).toEqual([{ ticketId: 'a', agentId: 'agent-1', expiresAt: new Date(t0 + 30_000) }]);
    const [lease] = expired;
    if (!lease) throw new Error('expected a lease');
    const entry = { ticketId: 'a', deadline: at(3), groups: ['en:general'] };
    expect(await queue.requeueLease(lease, entry)).toBe(true);
    expect(await queue.requeueLease(lease, entry)).toBe(false);
    expect(await queue.size('en:general')).toBe(1);
    expect(await queue.expiredLeases()).toEqual([]);
    now = t0;
  });

  it('refuses a Redis client with its own keyPrefix', () => {
    const prefixed = new Redis(server.url, { keyPrefix: 'x:', lazyConnect: true });
    expect(() => createTicketQueue({ redis: prefixed, prefix: 'y:' })).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });

  it('queues in bulk exactly as one by one', async () => {
    const queue = freshQueue();
    const entries = Array.from({ length: 300 }, (_, i) => ({
      ticketId: `bulk${i}`,
      deadline: at(300 - i),
      groups: ['en:general'],
    }));
    await queue.enqueueMany(entries);
    expect(await queue.size('en:general')).toBe(300);
    expect((await queue.leaseNext('a', ['en:general']))?.ticketId).toBe('bulk299');
  });

  it('always hands out the earliest deadline among an agent’s groups, whatever arrives meanwhile (property)', async () => {
    const groups: RoutingGroup[] = ['en:shipping', 'en:returns', 'zh-Hans:shipping', 'zh-Hant:general'];
    const event = fc.oneof(
      fc.record({
        kind: fc.constant('arrive' as const),
        deadlineMinute: fc.integer({ min: 0, max: 40 }),
        groups: fc.subarray(groups, { minLength: 1 }),
      }),
      fc.record({ kind: fc.constant('claim' as const), agentGroups: fc.subarray(groups, { minLength: 1 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(event, { maxLength: 80 }), async (events) => {
        const queue = freshQueue();
        const waiting = new Map<string, { deadline: number; groups: RoutingGroup[] }>();
        let next = 0;
        for (const step of events) {
          if (step.kind === 'arrive') {
            const id = `t${String(next++).padStart(3, '0')}`;
            await queue.enqueue({ ticketId: id, deadline: at(step.deadlineMinute), groups: step.groups });
            waiting.set(id, { deadline: at(step.deadlineMinute).getTime(), groups: step.groups });
            continue;
          }
          const eligible = [...waiting.entries()]
            .filter(([, ticket]) => ticket.groups.some((group) => step.agentGroups.includes(group)))
            .sort(([idA, a], [idB, b]) => a.deadline - b.deadline || (idA < idB ? -1 : 1));
          const leased = await queue.leaseNext('agent', step.agentGroups);
          expect(leased?.ticketId ?? null).toBe(eligible[0]?.[0] ?? null);
          if (leased) {
            waiting.delete(leased.ticketId);
            await queue.completeClaim(leased);
          }
        }
        // Nothing handed out is still queued anywhere.
        for (const group of groups) {
          const inGroup = [...waiting.values()].filter((ticket) => ticket.groups.includes(group)).length;
          expect(await queue.size(group)).toBe(inGroup);
        }
      }),
      { numRuns: 40 },
    );
  });
});
