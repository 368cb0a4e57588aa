import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { createTicketRepository } from '../../tickets/ticket-repository.ts';
import { createMetricsService, type MetricsService } from '../metrics-service.ts';
import { metricsTicket } from '../testing/metrics-test-tickets.ts';

const day = '2026-03-02';
const now = new Date(`${day}T12:00:00.000Z`);
const query = { from: '2026-01-01', to: '2026-03-31' };

/** Counts the rollups an instance reads from MongoDB. */
function countReads(metrics: MetricsService): { ids: string[] } {
  const reads = { ids: [] as string[] };
  const findByIds = metrics.stores.rollups.findByIds.bind(metrics.stores.rollups);
  metrics.stores.rollups.findByIds = (ids, concurrency) => {
    reads.ids.push(...ids);
    return findByIds(ids, concurrency);
  };
  return reads;
}

describe('rollup cache', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let first: MetricsService;
  let second: MetricsService;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    // Two instances of the service on the same database and Redis, as behind a load balancer.
    const options = {
      connection: db.connection,
      redis: { client: server.redis, prefix: server.prefix },
      clock: () => now,
    };
    first = createMetricsService(options);
    second = createMetricsService(options);
  });
  afterAll(async () => {
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('reads unchanged rollups from memory, and re-reads exactly those another instance changed since', async () => {
    const open = metricsTicket({
      id: 'tkt_c1',
      createdAt: new Date(`${day}T08:00:00.000Z`),
      tier: 'gold',
      agentId: 'agt_a',
    });
    await second.recordTicketChange(null, open);
    const reads = countReads(first);

    const before = await first.getDashboard(query);
    expect(before.ticketsCreated).toBe(1);
    expect(before.ticketsResolved).toBe(0);
    const cold = reads.ids.length;
    expect(cold).toBeGreaterThan(10);

    reads.ids.length = 0;
    expect(await first.getDashboard(query)).toEqual(before);
    expect(reads.ids).toEqual([]);

    // Resolved through the other instance: only the rollups that write touched are read again.
    const resolved = {
      ...open,
      status: 'resolved' as const,
      firstRepliedAt: new Date(`${day}T08:05:00.000Z`),
      resolvedAt: new Date(`${day}T09:00:00.000Z`),
      version: 1,
    };
    await second.recordTicketChange(open, resolved);
    const after = await first.getDashboard(query);
    expect(after.ticketsResolved).toBe(1);
    expect(after.backlog.total).toBe(0);
    expect(after.agents).toEqual([expect.objectContaining({ agentId: 'agt_a', ticketsResolved: 1 })]);
    expect(reads.ids.length).toBeGreaterThan(0);
    expect(reads.ids.length).toBeLessThan(cold);
    expect(reads.ids).toContain('backlog|*');
    expect(reads.ids).toContain('2026-03|*|breakdown');
    expect(reads.ids).not.toContain('2026-01|*|breakdown');

    // A rebuild (from the stored ticket) replaces every rollup: everything is read again, and agrees.
    await createTicketRepository(db.connection).insertMany([resolved]);
    reads.ids.length = 0;
    await second.rebuildRollups();
    expect(await first.getDashboard(query)).toEqual(after);
    expect(reads.ids.length).toBe(cold);
  });

  it('reads MongoDB when Redis cannot answer', async () => {
    const offline = createMetricsService({
      connection: db.connection,
      redis: {
        client: server.redis.duplicate({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 }),
        prefix: server.prefix,
      },
      clock: () => now,
    });
    const dashboard = await offline.getDashboard(query);
    expect(dashboard.ticketsCreated).toBe(1);
  });
});
