import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { collectionOf } from './database-collection.ts';
import { nestedDocument, type RollupIncrements } from '../rollups/rollup-increments.ts';

/** A stored rollup: `_id` (see rollup-keys.ts) and nested numeric sections. */
export type RollupDocument = { _id: string } & Record<string, unknown>;

export const rollupCollectionName = 'metric_rollups';

/** The metric rollups collection; reads and writes only, by `_id`. */
export type RollupRepository = ReturnType<typeof createRollupRepository>;

/**
 * The rollups behind plain functions: `$inc` by `_id` to update, one `_id` read per rollup to
 * read (FerretDB serves only single-`_id` equality without a scan, so no `$in`).
 */
export function createRollupRepository(connection: Connection) {
  const collection = collectionOf<RollupDocument>(connection, rollupCollectionName);
  // Dotted `$inc` paths into nested sections are not expressible in the typed schema.
  const untyped = collectionOf<Document & { _id: string }>(connection, rollupCollectionName);

  return {
    /** Adds the amounts with `$inc` (creating rollups as needed), one round trip. */
    async apply(increments: RollupIncrements): Promise<void> {
      const operations: AnyBulkWriteOperation<Document & { _id: string }>[] = [];
      for (const [rollupId, paths] of increments) {
        if (paths.size === 0) continue;
        operations.push({
          updateOne: { filter: { _id: rollupId }, update: { $inc: Object.fromEntries(paths) }, upsert: true },
        });
      }
      if (operations.length > 0) await untyped.bulkWrite(operations, { ordered: false });
    },

    /**
     * The stored rollups with these ids (absent ones are missing from the map), read by `_id`,
     * at most `concurrency` at a time: on FerretDB more in flight wins nothing (measured: 100
     * reads take the same at 8 and at 100) and would crowd out other requests.
     */
    async findByIds(ids: readonly string[], concurrency = 8): Promise<Map<string, RollupDocument>> {
      const unique = [...new Set(ids)];
      const found = new Map<string, RollupDocument>();
      let next = 0;
      const worker = async (): Promise<void> => {
        for (let index = next++; index < unique.length; index = next++) {
          const document = await collection.findOne({ _id: unique[index] ?? '' });
          if (document) found.set(document._id, document);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker));
      return found;
    },

    /** Every rollup (a scan: for the rebuild and tests only). */
    async findAll(): Promise<RollupDocument[]> {
      return collection.find({}).toArray();
    },

    /**
     * Replaces every rollup with `increments` laid out as documents and deletes the rest (the
     * rebuild). Writes in batches; not atomic as a whole: run it while no ticket changes are
     * recorded, or record them again afterwards.
     */
    async replaceAll(
      increments: RollupIncrements,
      options: { batchSize?: number; onWritten?: (written: number) => void } = {},
    ): Promise<{ written: number; deleted: number }> {
      // Under 100 per bulkWrite: FerretDB 1.24 never answers an update command of 100 or more
      // operations that match existing documents (measured; 99 return at once).
      const batchSize = Math.min(options.batchSize ?? 50, 99);
      const entries = [...increments];
      for (let i = 0; i < entries.length; i += batchSize) {
        const operations: AnyBulkWriteOperation<RollupDocument>[] = entries
          .slice(i, i + batchSize)
          .map(([rollupId, paths]) => ({
            replaceOne: {
              filter: { _id: rollupId },
              replacement: { _id: rollupId, ...nestedDocument(paths) },
              upsert: true,
            },
          }));
        if (operations.length > 0) await collection.bulkWrite(operations, { ordered: false });
        options.onWritten?.(Math.min(entries.length, i + batchSize));
      }
      const stale: string[] = [];
      for await (const document of collection.find({}, { projection: { _id: 1 } })) {
        if (!increments.has(document._id)) stale.push(document._id);
      }
      let deleted = 0;
      for (let i = 0; i < stale.length; i += batchSize) {
        deleted += (await collection.deleteMany({ _id: { $in: stale.slice(i, i + batchSize) } })).deletedCount;
      }
      return { written: entries.length, deleted };
    },
  };
}
