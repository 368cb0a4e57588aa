import type { Logger } from '@loyaldesk/platform/logger';
import type { RollupRepository } from './rollup-repository.ts';
import type { RollupRevisions } from './rollup-revisions.ts';
import { parseOpenRollup, parseRollup, type OpenByDay, type Rollup } from './rollup-section.ts';

type Entry = { kind: 'rollup'; value: Rollup } | { kind: 'open'; value: OpenByDay };

export interface RollupCacheOptions {
  rollups: Pick<RollupRepository, 'findByIds'>;
  /** Without revisions nothing is cached: every read goes to MongoDB. */
  revisions?: RollupRevisions;
  /**
   * An entry is re-read after this long even when its revision says it is current: the bound on
   * staleness if a writer died between its MongoDB write and its revision bump.
   */
  maxAgeMs?: number;
  maxEntries?: number;
  clock?: () => number;
  logger?: Logger;
}

/** Rollups as the dashboard reads them; see {@link createRollupCache}. */
export type RollupCache = ReturnType<typeof createRollupCache>;

/**
 * Reads rollups parsed, keeping each in memory under its revision (see rollup-revisions.ts): a
 * read asks Redis for the current revisions of all the rollups it needs (one round trip) and
 * fetches from MongoDB only those missing or changed since. Exact across instances: every
 * rollup write bumps the revision after it lands. When Redis cannot answer, it reads MongoDB.
 */
export function createRollupCache(options: RollupCacheOptions) {
  const maxAgeMs = options.maxAgeMs ?? 60 * 60_000;
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

  async function read(requested: ReadonlyArray<{ id: string; kind: Entry['kind'] }>): Promise<Map<string, Entry>> {
    const unique = [...new Map(requested.map((request) => [request.id, request])).values()];
    const revisions = await revisionsOf(unique.map((request) => request.id));
    const now = clock();
    const found = new Map<string, Entry>();
    const stale: Array<{ id: string; kind: Entry['kind']; revision: string | null }> = [];
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
      } else {
        stale.push({ ...request, revision });
      }
    });
    if (stale.length > 0) {
      const documents = await options.rollups.findByIds(stale.map((request) => request.id));
      for (const request of stale) {
        const entry = parse(request.id, request.kind, documents.get(request.id));
        found.set(request.id, entry);
        if (request.revision !== null) {
          entries.delete(request.id);
          entries.set(request.id, { revision: request.revision, storedAt: now, entry });
        }
      }
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

    /** Forgets everything held (tests, benchmarks of the uncached path). */
    clear(): void {
      entries.clear();
    },
  };
}
