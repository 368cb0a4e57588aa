import type { Redis } from 'ioredis';

/** The revision of each rollup in Redis, so every instance can tell whether a rollup it holds is current. */
export type RollupRevisions = ReturnType<typeof createRollupRevisions>;

// The field holding the epoch: bumped by a rebuild, which replaces every rollup at once. No rollup
// id contains '#'.
const epochField = '#epoch';

/**
 * Rollup revisions in one Redis hash (`<prefix>metrics:rollup-revisions`): a counter per rollup id,
 * bumped after each write to that rollup, and an epoch bumped after a rebuild. A revision read
 * before a rollup is read from MongoDB names a version at least as old as the one read, so a
 * cache keyed by it is never newer than it claims (at worst re-read once more).
 * @example const revisions = createRollupRevisions(redis, 'loyaldesk:'); await revisions.bump(['2026-11-23|*']);
 */
export function createRollupRevisions(redis: Redis, prefix: string) {
  const key = `${prefix}metrics:rollup-revisions`;
  return {
    /** Marks rollups as changed (after their write landed). */
    async bump(ids: Iterable<string>): Promise<void> {
      const pipeline = redis.pipeline();
      let count = 0;
      for (const id of ids) {
        pipeline.hincrby(key, id, 1);
        count++;
      }
      if (count === 0) return;
      const results = (await pipeline.exec()) ?? [];
      const failure = results.find(([error]) => error !== null);
      if (failure?.[0]) throw failure[0];
    },

    /** Marks every rollup as changed (after a rebuild replaced them). */
    async bumpAll(): Promise<void> {
      await redis.hincrby(key, epochField, 1);
    },

    /** The current revision of each rollup ("<epoch>:<revision>"), in the order asked, one round trip. */
    async read(ids: readonly string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const [epoch, ...revisions] = await redis.hmget(key, epochField, ...ids);
      return revisions.map((revision) => `${epoch ?? '0'}:${revision ?? '0'}`);
    },
  };
}
