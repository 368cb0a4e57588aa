import type { Connection } from 'mongoose';
import { z } from 'zod';
import { retentionReportSchema, type RetentionReport } from '@loyaldesk/contracts/metrics-api';
import type { Day } from '../rollups/rollup-keys.ts';
import { collectionOf } from './database-collection.ts';

const cachedReportSchema = z.object({ report: retentionReportSchema, computedAt: z.date() });
export type CachedRetentionReport = z.infer<typeof cachedReportSchema>;

type CachedReportDocument = { _id: string; from: Day; to: Day; report: RetentionReport; computedAt: Date };

/** The cache key of a period's report, e.g. "2026-01-01|2026-03-31". */
export function retentionReportId(period: { from: Day; to: Day }): string {
  return `${period.from}|${period.to}`;
}

/** Cached retention reports, one per period (`retention_reports`, `_id` = "<from>|<to>"). */
export type RetentionCacheRepository = ReturnType<typeof createRetentionCacheRepository>;

export function createRetentionCacheRepository(connection: Connection) {
  const collection = collectionOf<CachedReportDocument>(connection, 'retention_reports');

  return {
    /** The cached report of a period, or null (also when a stored one no longer parses: it is recomputed). */
    async find(period: { from: Day; to: Day }): Promise<CachedRetentionReport | null> {
      const document = await collection.findOne({ _id: retentionReportId(period) });
      const parsed = cachedReportSchema.safeParse(document);
      return parsed.success ? parsed.data : null;
    },

    async save(period: { from: Day; to: Day }, report: RetentionReport, computedAt: Date): Promise<void> {
      const _id = retentionReportId(period);
      await collection.replaceOne({ _id }, { ...period, report, computedAt }, { upsert: true });
    },
  };
}
