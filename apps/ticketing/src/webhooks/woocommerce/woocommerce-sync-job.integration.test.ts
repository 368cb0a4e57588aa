import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobQueue } from '@loyaldesk/platform/jobs';
import { createTestRedis } from '@loyaldesk/platform/testing';
import { startWiredTestApp, type WiredTestApp } from '../../testing/test-app.ts';
import type { WooCommerceSyncReport } from './woocommerce-order-sync.ts';
import { startWooCommerceSyncJob, wooCommerceSyncJobId } from './woocommerce-sync-job.ts';
import { startFakeWooCommerceShop, type FakeWooCommerceShop } from './testing/fake-woocommerce-shop.ts';
import { wooOrder } from './testing/woocommerce-fixtures.ts';

const credentials = { consumerKey: 'ck_fedcba9876543210fedcba9876543210fedcba98', consumerSecret: 'cs_fedcba9876543210fedcba9876543210fedcba98' };

describe('the WooCommerce reconciliation job', () => {
  let shop: FakeWooCommerceShop;
  let app: WiredTestApp;

  beforeAll(async () => {
    shop = await startFakeWooCommerceShop(credentials);
    // Modified an hour ago: within the first run's 30 days whenever the test runs.
    const anHourAgo = new Date(Date.now() - 3600_000).toISOString().slice(0, 19);
    shop.put(wooOrder({ id: 9101, customerId: 9101, email: 'scheduled.9101@example.com', createdAt: anHourAgo }));
    app = await startWiredTestApp({ wooCommerceSync: { rest: { url: shop.url, ...credentials }, intervalMs: 250 } });
  });
  afterAll(async () => {
    await app.stop();
    await shop.close();
  });

  it('runs on its Bull schedule, again and again, and stores the orders the shop lists', async () => {
    // The customer is written after the order: waiting for it waits for the whole ingestion.
    await expect.poll(async () => (await app.profiles.getCustomer('9101'))?.stats.orderCount, { timeout: 15_000, interval: 100 }).toBe(1);
    expect(await app.profiles.getOrder('9101')).toMatchObject({ email: 'scheduled.9101@example.com', status: 'paid' });
    await expect.poll(() => shop.requests.length, { timeout: 15_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    expect(shop.unauthorized).toBe(0);
  });
});

describe('startWooCommerceSyncJob', () => {
  it('keeps one schedule: a restart with another interval replaces it', async () => {
    const redis = await createTestRedis();
    const options = { redisUrl: redis.url, prefix: redis.prefix.replace(/:$/, '') };
    const idle = async (): Promise<WooCommerceSyncReport> => ({
      shop: 'test',
      from: new Date(0),
      modifiedUpTo: null,
      requests: 0,
      outcomes: { created: 0, updated: 0, unchanged: 0, stale: 0, ignored: 0 },
      skipped: [],
      complete: true,
    });
    const first = openJobQueue('woocommerce-sync-schedule-test', options);
    const second = openJobQueue('woocommerce-sync-schedule-test', options);
    try {
      await startWooCommerceSyncJob(first, { intervalMs: 60_000 }, idle);
      // A second instance of the deployment schedules the same job: still one schedule.
      await startWooCommerceSyncJob(second, { intervalMs: 60_000 }, idle);
      expect((await second.getRepeatableJobs()).map((job) => [job.id, Number(job.every)])).toEqual([[wooCommerceSyncJobId, 60_000]]);
      await first.close();
      const restarted = openJobQueue('woocommerce-sync-schedule-test', options);
      await startWooCommerceSyncJob(restarted, { intervalMs: 300_000 }, idle);
      expect((await restarted.getRepeatableJobs()).map((job) => [job.id, Number(job.every)])).toEqual([[wooCommerceSyncJobId, 300_000]]);
      await restarted.close();
    } finally {
      await Promise.all([first.close(), second.close()]);
      await redis.cleanup();
    }
  });
});
