import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisOptions } from '@loyaldesk/platform/redis';
import { findFreePort } from '@loyaldesk/platform/local-servers';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { createTicketQueue, type TicketQueue } from '../ranked-queue/ticket-queue.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import { createTicketRepository, type TicketRepository } from '../tickets/ticket-repository.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { claimNext } from './claim-next.ts';

const t0 = Date.parse('2025-03-01T10:00:00.000Z');
const minute = 60_000;

// The fault suite's Redis restart: claim-next answered 503 for ~10 s (the ranked queue is a Redis
// sorted set), leaving every agent idle. Now it claims from MongoDB by the same deadline rule.
describe('claimNext while Redis is away', () => {
  let db: TestDatabase;
  let redis: Redis;
  let tickets: TicketRepository;
  let queue: TicketQueue;
  const sooner: Ticket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // Redis away: nothing listens where the queue's client (the app's settings: three retries,
    // then the command fails) connects, as while the fault suite's Redis is stopped.
    const url = `redis://127.0.0.1:${await findFreePort()}`;
    redis = new Redis(url, { ...redisOptions({ url }), lazyConnect: false });
    redis.on('error', () => undefined);
    tickets = createTicketRepository(db.connection);
    await tickets.init();
    queue = createTicketQueue({ redis, prefix: 'outage:' });

    const at = (minutes: number) => new Date(t0 + minutes * minute);
    const facts = (minutes: number, tier: 'gold' | 'bronze') =>
      ({ createdAt: at(minutes), tier, valuePercentile: null, issueKind: 'general' }) as const;
    const gold1 = buildTicket('out-gold-1', facts(0, 'gold'), defaultSlaPolicy);
    const gold2 = buildTicket('out-gold-2', facts(1, 'gold'), defaultSlaPolicy);
    const bronze = buildTicket('out-bronze', facts(0, 'bronze'), defaultSlaPolicy);
    const otherGroup = buildTicket('out-returns', facts(-30, 'gold'), defaultSlaPolicy, { language: 'en', skill: 'returns' });
    const taken = buildTicket('out-taken', facts(-60, 'gold'), defaultSlaPolicy);
    sooner.push(gold1, gold2);
    await tickets.insertMany([bronze, gold2, otherGroup, gold1, taken]);
    await tickets.claimIfOpen({ ticketId: taken.id, agentId: 'agent-zed', at: at(1) });
  });
  afterAll(async () => {
    redis.disconnect();
    await db.drop();
  });

  it('gives each agent a different open ticket of their groups, earliest deadline first, assigned in MongoDB', async () => {
    const vias: string[] = [];
    const deps = {
      queue,
      tickets,
      clock: () => new Date(t0 + 5 * minute),
      onClaimed: (_before: Ticket, _after: Ticket, via: 'queue' | 'database') => {
        vias.push(via);
      },
    };
    const [first, second] = await Promise.all([
      claimNext(deps, { agentId: 'agent-ann', groups: ['en:general'] }),
      claimNext(deps, { agentId: 'agent-bob', groups: ['en:general'] }),
    ]);

    expect([first?.id, second?.id].sort()).toEqual(sooner.map((ticket) => ticket.id).sort());
    expect(new Set([first?.assigneeId, second?.assigneeId])).toEqual(new Set(['agent-ann', 'agent-bob']));
    expect(vias).toEqual(['database', 'database']);
    for (const claimed of [first, second]) {
      const stored = claimed ? await tickets.findById(claimed.id) : null;
      expect(stored?.status).toBe('assigned');
      expect(stored?.assigneeId).toBe(claimed?.assigneeId);
      expect(stored?.history.filter((entry) => entry.action === 'claim')).toHaveLength(1);
    }

    const third = await claimNext(deps, { agentId: 'agent-cy', groups: ['en:general'] });
    expect(third?.id).toBe('out-bronze');
    // Nothing open is left in the group: none, and the other group's ticket is not handed out.
    expect(await claimNext(deps, { agentId: 'agent-dee', groups: ['en:general'] })).toBeNull();
    expect((await tickets.findById('out-returns'))?.status).toBe('open');
  }, 60_000);
});
