import type Bull from 'bull';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import type { WooCommerceSyncReport } from './woocommerce-order-sync.ts';

/** The repeatable job's id: one schedule per deployment, whatever the number of instances. */
export const wooCommerceSyncJobId = 'woocommerce-order-sync';

/** What a finished run leaves in Bull (counts only: no order data in Redis). */
export interface WooCommerceSyncJobResult {
  requests: number;
  outcomes: WooCommerceSyncReport['outcomes'];
  skipped: number;
  complete: boolean;
}

/**
 * Schedules the reconciliation every `intervalMs` as a Bull repeatable job (replacing a schedule
 * of another interval) and runs it here, one run at a time. The job carries nothing: `run` holds
 * the shop's credentials. A failed run is not retried: the next one resumes from the cursor.
 * @example await startWooCommerceSyncJob(queue, { intervalMs: 15 * 60_000 }, () => syncWooCommerceOrders(deps));
 */
export async function startWooCommerceSyncJob(
  queue: Bull.Queue<unknown>,
  options: { intervalMs: number; logger?: Logger },
  run: () => Promise<WooCommerceSyncReport>,
): Promise<void> {
  for (const schedule of await queue.getRepeatableJobs()) {
    if (schedule.id === wooCommerceSyncJobId && Number(schedule.every) !== options.intervalMs) await queue.removeRepeatableByKey(schedule.key);
  }
  await queue.add({}, { jobId: wooCommerceSyncJobId, repeat: { every: options.intervalMs }, attempts: 1, removeOnComplete: 20, removeOnFail: 50 });
  startJobWorker(
    queue,
    { name: 'WooCommerce order sync', concurrency: 1, ...(options.logger ? { logger: options.logger } : {}) },
    async (): Promise<WooCommerceSyncJobResult> => {
      const report = await run();
      return { requests: report.requests, outcomes: report.outcomes, skipped: report.skipped.length, complete: report.complete };
    },
  );
}
