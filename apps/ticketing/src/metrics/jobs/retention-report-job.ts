import type Bull from 'bull';
import { z } from 'zod';
import type { Period, RetentionReport } from '@loyaldesk/customer-profile/metrics';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import { addDays, daySchema, startOfDay, type Day } from '../rollups/rollup-keys.ts';
import type { RetentionCacheRepository } from '../storage/retention-cache-repository.ts';

/** A request to compute and cache the retention report of a period (days, both included). */
export const retentionReportJobSchema = z
  .object({
    from: daySchema,
    to: daySchema,
    /** When it was asked for: a report computed since then answers it (duplicate requests cost no scan). */
    requestedAt: z.iso.datetime({ offset: true }),
  })
  .refine((period) => period.from <= period.to, { message: 'must not be before from', path: ['to'] });
export type RetentionReportJob = z.infer<typeof retentionReportJobSchema>;

/** A customer counts as "a customer" at an instant when they bought within this many days before it. */
export const retentionActiveWindowDays = 365;

/** The half-open period the report covers: from the start of `from` to the end of `to`. */
export function retentionPeriod(job: { from: Day; to: Day }): Period {
  return { start: startOfDay(job.from), end: startOfDay(addDays(job.to, 1)) };
}

/**
 * The job id of a period's report: while one is waiting, asking again adds nothing.
 * @example retentionReportJobId({ from: '2026-01-01', to: '2026-03-31' }) // 'retention-2026-01-01-2026-03-31'
 */
export function retentionReportJobId(period: { from: Day; to: Day }): string {
  return `retention-${period.from}-${period.to}`;
}

/** Asks for a period's report to be computed in the background (on the `rollups` queue). */
export async function requestRetentionReport(
  queue: Bull.Queue<unknown>,
  period: { from: Day; to: Day },
  requestedAt: Date,
): Promise<void> {
  const job: RetentionReportJob = { from: period.from, to: period.to, requestedAt: requestedAt.toISOString() };
  await queue.add(job, {
    jobId: retentionReportJobId(period),
    attempts: 3,
    backoff: { type: 'exponential', delay: 5000 },
    removeOnComplete: true,
    removeOnFail: 100,
  });
}

export interface RetentionReportWorkerDeps {
  /** customer-profile's `retentionReport` (scans customers: this runs in a worker, never on a request). */
  retentionReport: (period: Period, activeWindowDays: number) => Promise<RetentionReport>;
  cache: RetentionCacheRepository;
  clock?: () => Date;
  logger?: Logger;
}

/**
 * Computes a period's retention report and caches it with the time it was computed, unless a
 * report computed since the request is cached already.
 */
export async function processRetentionReportJob(
  deps: RetentionReportWorkerDeps,
  data: unknown,
): Promise<{ report: RetentionReport; computed: boolean }> {
  const parsed = retentionReportJobSchema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'retention report job');
  const period = { from: parsed.data.from, to: parsed.data.to };
  const cached = await deps.cache.find(period);
  if (cached && cached.computedAt.getTime() >= new Date(parsed.data.requestedAt).getTime()) {
    return { report: cached.report, computed: false };
  }
  const report = await deps.retentionReport(retentionPeriod(period), retentionActiveWindowDays);
  await deps.cache.save(period, report, (deps.clock ?? (() => new Date()))());
  deps.logger?.info({ period }, 'retention report cached');
  return { report, computed: true };
}

/** Starts the retention report worker on `queue` (the `rollups` queue), one report at a time. */
export function startRetentionReportWorker(queue: Bull.Queue<unknown>, deps: RetentionReportWorkerDeps): void {
  startJobWorker(
    queue,
    { name: 'retention report', concurrency: 1, ...(deps.logger ? { logger: deps.logger } : {}) },
    (data) => processRetentionReportJob(deps, data),
  );
}
