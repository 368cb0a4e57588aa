import type { Redis } from 'ioredis';
import { z } from 'zod';
import { deleteKeysByPrefix } from '@loyaldesk/platform/redis';
import type { RollupDocument } from '../storage/rollup-repository.ts';

/**
 * A rollup as one instance read it from MongoDB, shared with the others through Redis: its
 * sections (sparse, as stored; null when the rollup did not exist), the revision read before it
 * (rollup-revisions.ts) and when it was read.
 */
export interface SharedRollup {
  revision: string;
  /** Milliseconds since the epoch at the MongoDB read: the age bound counts from here, in every instance. */
  readAt: number;
  document: RollupDocument | null;
}

/** Rollups shared by all instances in Redis; see {@link createSharedRollupCache}. */
export type SharedRollupCache = ReturnType<typeof createSharedRollupCache>;

// Only the envelope is checked here; the sections are checked by the same parser as a MongoDB
// read (rollup-section.ts), so an entry that passes here but not there is also a miss.
const entrySchema = z.object({
  r: z.string(),
  t: z.number().int().nonnegative(),
  d: z.object({ _id: z.string() }).catchall(z.unknown()).nullable(),
});

/** Reads a stored entry; anything unreadable (another version's format, a truncated value) is a miss. */
function parseEntry(id: string, raw: string | null): SharedRollup | null {
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = entrySchema.safeParse(json);
  if (!parsed.success) return null;
  const { r, t, d } = parsed.data;
  // An entry under one id holding another rollup would be a bug or a collision: never use it.
  if (d !== null && d._id !== id) return null;
  return { revision: r, readAt: t, document: d };
}

/**
 * The second-level rollup cache: one key per rollup, `<prefix>metrics:rollup-cache:<id>`, holding
 * its sections as compact JSON with the revision it was read at. Sparse JSON sections are what
 * MongoDB returns after unpacking, so an entry costs one JSON.parse, no inflate; the widest (a
 * month breakdown with 20 agents) is tens of kB. Each key expires after `ttlMs` (the same
 * staleness bound as the in-process cache), and only the rollups dashboards read are written, so
 * Redis holds at most an hour's worth of the rollups actually asked for.
 * @example const shared = createSharedRollupCache(redis, 'loyaldesk:', 3_600_000); await shared.get(['2026-11-23|*']);
 */
export function createSharedRollupCache(redis: Redis, prefix: string, ttlMs: number) {
  const keyPrefix = `${prefix}metrics:rollup-cache:`;
  const keyOf = (id: string): string => `${keyPrefix}${id}`;
  return {
    /** The entries of these rollups, in the order asked (null: absent or unreadable), in one MGET. Throws when Redis cannot answer. */
    async get(ids: readonly string[]): Promise<Array<SharedRollup | null>> {
      if (ids.length === 0) return [];
      const raw = await redis.mget(ids.map(keyOf));
      return ids.map((id, index) => parseEntry(id, raw[index] ?? null));
    },

    /** Stores entries, each expiring after the TTL, in one pipeline. Throws when Redis cannot answer. */
    async set(entries: ReadonlyArray<{ id: string; entry: SharedRollup }>): Promise<void> {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      for (const { id, entry } of entries) {
        const value = JSON.stringify({ r: entry.revision, t: entry.readAt, d: entry.document });
        pipeline.set(keyOf(id), value, 'PX', ttlMs);
      }
      const results = (await pipeline.exec()) ?? [];
      const failure = results.find(([error]) => error !== null);
      if (failure?.[0]) throw failure[0];
    },

    /** Deletes every entry under the prefix (tests, benchmarks of the uncached path; a SCAN, so not for the request path). */
    async clear(): Promise<void> {
      await deleteKeysByPrefix(redis, keyPrefix);
    },
  };
}
