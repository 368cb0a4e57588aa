import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRedis, type TestRedis } from '@loyaldesk/platform/testing';
import type { RollupDocument } from '../storage/rollup-repository.ts';
import { createRollupCache, type RollupCache } from './rollup-cache.ts';
import { createRollupRevisions, type RollupRevisions } from './rollup-revisions.ts';
import { createSharedRollupCache, type SharedRollupCache } from './rollup-shared-cache.ts';

const dayId = '2026-03-02|*';
const monthId = '2026-03|*|breakdown';
const absentId = '2026-03-01|*';
const openId = '2026-03|*|open';
const ids = { rollups: [dayId, monthId, absentId], open: [openId] };

/**
 * A stand-in for MongoDB's rollups: documents in a map, and every id read, so a test can tell
 * which rollups an instance read from MongoDB rather than from its memory or Redis.
 */
function fakeRollups(documents: Map<string, RollupDocument>) {
  const reads: string[] = [];
  return {
    reads,
    findByIds(requested: readonly string[]): Promise<Map<string, RollupDocument>> {
      reads.push(...requested);
      const found = new Map<string, RollupDocument>();
      for (const id of requested) {
        const document = documents.get(id);
        // A copy, as a real read returns: later writes to the map must not reach what was read.
        if (document) found.set(id, structuredClone(document));
      }
      return Promise.resolve(found);
    },
  };
}

describe('shared rollup cache (Redis)', () => {
  let server: TestRedis;
  let revisions: RollupRevisions;
  let shared: SharedRollupCache;
  let documents: Map<string, RollupDocument>;
  let prefix: string;

  /** One "process": its own in-process cache and MongoDB read counter, sharing Redis with the others. */
  function instance(options: { shared?: SharedRollupCache } = {}): { cache: RollupCache; reads: string[] } {
    const rollups = fakeRollups(documents);
    return {
      cache: createRollupCache({ rollups, revisions, shared: options.shared ?? shared }),
      reads: rollups.reads,
    };
  }

  /** Waits until the fire-and-forget writes issued on the shared client have been answered (commands run in order). */
  async function settled(): Promise<void> {
    await server.redis.ping();
  }

  /** A rollup write as the app does it: the document changes, then its revision is bumped. */
  async function write(id: string, ticketsCreated: number): Promise<void> {
    documents.set(id, { _id: id, all: { ticketsCreated } });
    await revisions.bump([id]);
  }

  beforeAll(async () => {
    server = await createTestRedis();
  });
  afterAll(async () => {
    await server.cleanup();
  });
  beforeEach(async () => {
    // A fresh prefix per test: no entries or revisions left by another.
    prefix = `${server.prefix}${Math.random().toString(36).slice(2)}:`;
    revisions = createRollupRevisions(server.redis, prefix);
    shared = createSharedRollupCache(server.redis, prefix, 60_000);
    documents = new Map<string, RollupDocument>([
      [dayId, { _id: dayId, all: { ticketsCreated: 3, firstResponseTime: { b24: 2 } } }],
      [monthId, { _id: monthId, all: {}, agents: { agt_a: { ticketsResolved: 5 } }, tiers: { gold: { slaMet: 4 } } }],
      [openId, { _id: openId, all: { d2: 1 }, tiers: { gold: { d2: 1 } } }],
    ]);
  });

  it('lets a second instance read from Redis what the first read from MongoDB', async () => {
    const first = instance();
    const second = instance();
    const read = await first.cache.read(ids);
    expect(first.reads.sort()).toEqual([...ids.rollups, ...ids.open].sort());
    expect(read.rollups.get(dayId)?.all.counters.ticketsCreated).toBe(3);
    expect(read.rollups.get(monthId)?.agents.agt_a?.counters.ticketsResolved).toBe(5);
    expect(read.open.get(openId)?.all).toEqual({ d2: 1 });
    await settled();

    expect(await second.cache.read(ids)).toEqual(read);
    expect(second.reads).toEqual([]);
    // Absent rollups are shared too (MongoDB charges a read for a missing `_id` as well).
    expect(read.rollups.get(absentId)?.all.counters.ticketsCreated).toBe(0);
  });

  it('after a write and its revision bump, reads only the changed rollup from MongoDB, once for all instances', async () => {
    const first = instance();
    await first.cache.read(ids);
    await settled();
    await write(dayId, 4);

    const second = instance();
    const after = await second.cache.read(ids);
    expect(second.reads).toEqual([dayId]);
    expect(after.rollups.get(dayId)?.all.counters.ticketsCreated).toBe(4);
    await settled();

    // The first instance holds the old day rollup in memory under the old revision: it takes the
    // new one from Redis, shared by the second, without reading MongoDB.
    first.reads.length = 0;
    expect(await first.cache.read(ids)).toEqual(after);
    expect(first.reads).toEqual([]);
    // And a third, started now, reads nothing from MongoDB.
    const third = instance();
    expect(await third.cache.read(ids)).toEqual(after);
    expect(third.reads).toEqual([]);
  });

  it('never uses an entry read at another revision, even when it is the last one written to Redis', async () => {
    const first = instance();
    await first.cache.read(ids);
    await settled();
    // A slow reader read the day rollup at this revision, then a write landed and was bumped, and
    // the slow reader's entry reached Redis only afterwards (with the old value and old revision).
    const [oldRevision = ''] = await revisions.read([dayId]);
    await write(dayId, 9);
    await shared.set([
      {
        id: dayId,
        entry: { revision: oldRevision, readAt: Date.now(), document: { _id: dayId, all: { ticketsCreated: 3 } } },
      },
    ]);

    const second = instance();
    const read = await second.cache.read(ids);
    expect(second.reads).toEqual([dayId]);
    expect(read.rollups.get(dayId)?.all.counters.ticketsCreated).toBe(9);

    // A rebuild bumps the epoch: every entry is then from another revision.
    await revisions.bumpAll();
    const third = instance();
    await third.cache.read(ids);
    expect(third.reads.sort()).toEqual([...ids.rollups, ...ids.open].sort());
  });

  it('treats a bad entry as a miss', async () => {
    const first = instance();
    await first.cache.read(ids);
    await settled();
    const [revision = ''] = await revisions.read([dayId]);
    const keyOf = (id: string): string => `${prefix}metrics:rollup-cache:${id}`;
    // Not JSON, a wrong envelope, and sections the rollup parser rejects.
    await server.redis.set(keyOf(monthId), '{not json');
    await shared.set([
      {
        id: dayId,
        entry: { revision, readAt: Date.now(), document: { _id: dayId, all: { ticketsCreated: 'three' } } },
      },
      {
        id: absentId,
        entry: {
          revision: (await revisions.read([absentId]))[0] ?? '',
          readAt: Date.now(),
          document: { _id: absentId, all: { firstResponseTime: { b24: 'x' } } },
        },
      },
    ]);
    await server.redis.set(keyOf(openId), JSON.stringify({ r: revision }));

    const second = instance();
    const read = await second.cache.read(ids);
    expect(second.reads.sort()).toEqual([dayId, monthId, absentId, openId].sort());
    expect(read.rollups.get(dayId)?.all.counters.ticketsCreated).toBe(3);
    expect(read.open.get(openId)?.all).toEqual({ d2: 1 });
  });

  it('ignores an entry older than the age bound', async () => {
    const first = instance();
    await first.cache.read(ids);
    await settled();
    const [revision = ''] = await revisions.read([dayId]);
    await shared.set([
      { id: dayId, entry: { revision, readAt: Date.now() - 2 * 3_600_000, document: documents.get(dayId) ?? null } },
    ]);

    const second = instance();
    await second.cache.read(ids);
    expect(second.reads).toEqual([dayId]);
  });

  it('reads MongoDB when the shared cache cannot answer', async () => {
    // Redis's revisions answer but the shared entries do not (e.g. the MGET times out).
    const down = (): Promise<never> => Promise.reject(new Error('Redis unavailable'));
    const first = instance({ shared: { get: down, set: down, clear: down } });
    const read = await first.cache.read(ids);
    expect(first.reads.sort()).toEqual([...ids.rollups, ...ids.open].sort());
    expect(read.rollups.get(dayId)?.all.counters.ticketsCreated).toBe(3);
    // The failed write-back is only logged; the in-process cache still works.
    first.reads.length = 0;
    await first.cache.read(ids);
    expect(first.reads).toEqual([]);
  });

  it('clearShared empties Redis: the next instance reads MongoDB again', async () => {
    const first = instance();
    await first.cache.read(ids);
    await settled();
    await first.cache.clearShared();
    const second = instance();
    await second.cache.read(ids);
    expect(second.reads.sort()).toEqual([...ids.rollups, ...ids.open].sort());
  });
});
