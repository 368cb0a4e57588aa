import type { Logger } from '@loyaldesk/platform/logger';
import { parseOpenRollup, parseRollup, type OpenByDay, type Rollup } from '../rollups/rollup-section.ts';
import type { RollupRepository } from '../storage/rollup-repository.ts';
import type { RollupRevisions } from './rollup-revisions.ts';
import type { SharedRollup, SharedRollupCache } from './rollup-shared-cache.ts';

type Entry = { kind: 'rollup'; value: Rollup } | { kind: 'open'; value: OpenByDay };

export interface RollupCacheOptions {
  rollups: Pick<RollupRepository, 'findByIds'>;
  /** Without revisions nothing is cached: every read goes to MongoDB. */
  revisions?: RollupRevisions;
  /**
   * Rollups shared by every instance (Redis), consulted for those not current in this process
   * before MongoDB, and filled with what this instance reads from MongoDB. Used only with revisions.
   */
  shared?: SharedRollupCache;
  /**
   * An entry is re-read after this long even when its revision says it is current: the bound on
   * staleness if a writer died between its MongoDB write and its revision bump.
   */
  maxAgeMs?: number;
  maxEntries?: number;
  clock?: () => number;
  logger?: Logger;
}

/** How long a rollup read from MongoDB is used (in process and in Redis) before it is read again, whatever its revision. */
export const defaultRollupMaxAgeMs = 60 * 60_000;

/** Rollups as the dashboard reads them; see {@link createRollupCache}. */
export type RollupCache = ReturnType<typeof createRollupCache>;

/**
 * Reads rollups parsed, keeping each in memory under its revision (see rollup-revisions.ts): a
 * read asks Redis for the current revisions of all the rollups it needs (one round trip), takes
 * those not current in process from the shared cache in Redis when an entry was read at the same
 * revision (one more round trip), and fetches from MongoDB only the rest — after a ticket event,
 * the few rollups it touched, read by whichever instance asks first and shared with the others.
 * Exact across instances: every rollup write bumps the revision after it lands, and a rollup is
 * stored under the revision read before it. When Redis cannot answer, it reads MongoDB.
 */
export function createRollupCache(options: RollupCacheOptions) {
  const maxAgeMs = options.maxAgeMs ?? defaultRollupMaxAgeMs;
  const maxEntries = options.maxEntries ?? 20_000;
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, { revision: string; storedAt: number; entry: Entry }>();

  function parse(id: string, kind: Entry['kind'], document: unknown): Entry {
    return kind === 'open' ? { kind, value: parseOpenRollup(document) } : { kind, value: parseRollup(id, document) };
  }

  async function revisionsOf(ids: readonly string[]): Promise<string[] | null> {
    if (!options.revisions) return null;
    try {
      return await options.revisions.read(ids);
    } catch (error) {
      options.logger?.warn({ err: error }, 'rollup revisions unavailable: reading every rollup from MongoDB');
      return null;
    }
  }

  /**
   * The requested rollups from Redis's shared cache (one MGET) whose entry was read at the current
   * revision and within the age bound; the rest are left for MongoDB. A bad entry (unreadable, or
   * sections the parser rejects) is a miss; Redis not answering is a miss for all.
   */
  async function readShared(
    requests: ReadonlyArray<{ id: string; kind: Entry['kind']; revision: string }>,
    now: number,
  ): Promise<Map<string, { entry: Entry; readAt: number }>> {
    const hits = new Map<string, { entry: Entry; readAt: number }>();
    if (!options.shared || requests.length === 0) return hits;
    let stored: Awaited<ReturnType<SharedRollupCache['get']>>;
    try {
      stored = await options.shared.get(requests.map((request) => request.id));
    } catch (error) {
      options.logger?.warn({ err: error }, 'shared rollup cache unavailable: reading rollups from MongoDB');
      return hits;
    }
    requests.forEach((request, index) => {
      const shared = stored[index];
      // Equal revisions only: an entry read at an older revision may miss a write (never used), and
      // one at a newer revision than this read saw is re-read too rather than reasoned about.
      if (!shared || shared.revision !== request.revision || now - shared.readAt >= maxAgeMs) return;
      try {
        hits.set(request.id, { entry: parse(request.id, request.kind, shared.document), readAt: shared.readAt });
      } catch (error) {
        options.logger?.warn(
          { err: error, rollupId: request.id },
          'unreadable shared rollup cache entry: reading MongoDB',
        );
      }
    });
    return hits;
  }

  function remember(id: string, revision: string, storedAt: number, entry: Entry): void {
    // Re-inserted so that the map's order stays oldest-stored first.
    entries.delete(id);
    entries.set(id, { revision, storedAt, entry });
  }

  async function read(requested: ReadonlyArray<{ id: string; kind: Entry['kind'] }>): Promise<Map<string, Entry>> {
    const unique = [...new Map(requested.map((request) => [request.id, request])).values()];
    // Read before any rollup (here or from Redis's entries): see rollup-revisions.ts.
    const revisions = await revisionsOf(unique.map((request) => request.id));
    const now = clock();
    const found = new Map<string, Entry>();
    const versioned: Array<{ id: string; kind: Entry['kind']; revision: string }> = [];
    const unversioned: Array<{ id: string; kind: Entry['kind'] }> = [];
    unique.forEach((request, index) => {
      const revision = revisions?.[index] ?? null;
      const cached = entries.get(request.id);
      if (
        revision !== null &&
        cached &&
        cached.revision === revision &&
        now - cached.storedAt < maxAgeMs &&
        cached.entry.kind === request.kind
      ) {
        found.set(request.id, cached.entry);
      } else if (revision !== null) {
        versioned.push({ ...request, revision });
      } else {
        unversioned.push(request);
      }
    });

    const shared = await readShared(versioned, now);
    for (const request of versioned) {
      const hit = shared.get(request.id);
      if (!hit) continue;
      found.set(request.id, hit.entry);
      // Aged from the MongoDB read, not from now: the staleness bound holds across instances.
      remember(request.id, request.revision, hit.readAt, hit.entry);
    }

    const fromMongo: Array<{ id: string; kind: Entry['kind']; revision: string | null }> = [
      ...versioned.filter((request) => !shared.has(request.id)),
      ...unversioned.map((request) => ({ ...request, revision: null })),
    ];
    if (fromMongo.length > 0) {
      const documents = await options.rollups.findByIds(fromMongo.map((request) => request.id));
      const toShare: Array<{ id: string; entry: SharedRollup }> = [];
      for (const request of fromMongo) {
        const document = documents.get(request.id) ?? null;
        const entry = parse(request.id, request.kind, document);
        found.set(request.id, entry);
        if (request.revision !== null) {
          remember(request.id, request.revision, now, entry);
          // Absent rollups are shared too: a missing `_id` costs MongoDB a read like any other.
          toShare.push({ id: request.id, entry: { revision: request.revision, readAt: now, document } });
        }
      }
      if (options.shared && toShare.length > 0) {
        // Not awaited: the dashboard has its rollups; a failed write only leaves the next instance
        // to read MongoDB, as it would without Redis.
        options.shared.set(toShare).catch((error: unknown) => {
          options.logger?.warn({ err: error, count: toShare.length }, 'could not share rollups in Redis');
        });
      }
    }
    if (versioned.length > 0) {
      // Oldest stored first: drop from the front.
      for (const id of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(id);
      }
    }
    return found;
  }

  return {
    /** The rollups (day, week, breakdown, backlog) and open-by-day rollups with these ids, parsed; absent ones read as empty. */
    async read(ids: { rollups: readonly string[]; open: readonly string[] }): Promise<{
      rollups: Map<string, Rollup>;
      open: Map<string, OpenByDay>;
    }> {
      const found = await read([
        ...ids.rollups.map((id) => ({ id, kind: 'rollup' as const })),
        ...ids.open.map((id) => ({ id, kind: 'open' as const })),
      ]);
      const rollups = new Map<string, Rollup>();
      const open = new Map<string, OpenByDay>();
      for (const [id, entry] of found) {
        if (entry.kind === 'rollup') rollups.set(id, entry.value);
        else open.set(id, entry.value);
      }
      return { rollups, open };
    },

    /** Forgets everything held in this process (tests, benchmarks of a cold instance). */
    clear(): void {
      entries.clear();
    },

    /** Deletes the entries shared in Redis too (tests, benchmarks of the uncached path: Redis lost its data). */
    async clearShared(): Promise<void> {
      await options.shared?.clear();
    },
  };
}
