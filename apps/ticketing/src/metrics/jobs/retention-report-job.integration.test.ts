import Bull from 'bull';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queueNames } from '@loyaldesk/contracts/queues';
import { createCustomerProfileService, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@loyaldesk/platform/testing';
import { createMetricsService, type MetricsService } from '../metrics-service.ts';
import { requestRetentionReport, startRetentionReportWorker } from './retention-report-job.ts';

const now = new Date('2026-04-02T12:00:00.000Z');
const quarter = { from: '2026-01-01', to: '2026-03-31' };

function order(number: string, customerId: string, placedAt: string) {
  return {
    number,
    customer: { id: customerId, email: `${customerId}@example.com` },
    placedAt,
    status: 'paid',
    currency: 'USD',
    lineItems: [{ sku: 'MUG', name: 'Mug', quantity: 1, unitPrice: 5_000 }],
    totals: { subtotal: 5_000, total: 5_000 },
  };
}

/**
 * The CRR worked example: S = 200 customers at the start of Q1 2026 (bought in the year before),
 * N = 40 new in the quarter, E = 180 at the end (60 of the 200 last bought before April 2025, so
 * they lapse) → CRR = (180 − 40) / 200 = 70%, churn 60 / 200 = 30%. Ten of the new customers buy
 * twice: repeat purchase rate 10 / 40 = 25%.
 */
function workedExampleOrders() {
  const orders = [];
  for (let i = 0; i < 140; i++) orders.push(order(`K${i}`, `cus_kept_${i}`, '2025-06-01T10:00:00.000Z'));
  for (let i = 0; i < 60; i++) orders.push(order(`L${i}`, `cus_lapsed_${i}`, '2025-02-01T10:00:00.000Z'));
  for (let i = 0; i < 40; i++) orders.push(order(`N${i}`, `cus_new_${i}`, '2026-02-01T10:00:00.000Z'));
  for (let i = 0; i < 10; i++) orders.push(order(`R${i}`, `cus_new_${i}`, '2026-03-01T10:00:00.000Z'));
  return orders;
}

describe('retention next to support', () => {
  let db: TestDatabase;
  let server: TestRedis;
  let queue: Bull.Queue<unknown>;
  let profiles: CustomerProfileService;
  let metrics: MetricsService;
  let scans = 0;

  beforeAll(async () => {
    [db, server] = await Promise.all([createTestDatabase(), createTestRedis()]);
    profiles = createCustomerProfileService({ connection: db.connection, clock: () => now });
    await profiles.init();
    const { ingested, rejected } = await profiles.bulkIngestOrders(workedExampleOrders());
    expect(rejected).toEqual([]);
    expect(ingested).toBe(250);

    queue = new Bull(queueNames.rollups, server.url, { prefix: server.prefix.replace(/:$/, '') });
    metrics = createMetricsService({
      connection: db.connection,
      clock: () => now,
      requestRetentionReport: (period, requestedAt) => requestRetentionReport(queue, period, requestedAt),
    });
    startRetentionReportWorker(queue, {
      retentionReport: (period, activeWindowDays) => {
        scans++;
        return profiles.retentionReport(period, activeWindowDays);
      },
      cache: metrics.stores.retention,
      clock: () => now,
    });
  });
  afterAll(async () => {
    await queue.close();
    await Promise.all([db.drop(), server.cleanup()]);
  });

  it('computes CRR, churn, repeat purchase rate and LTV in a Bull job and serves them from the cache', async () => {
    const first = await metrics.getDashboard(quarter);
    expect(first.retention).toMatchObject({ status: 'computing', computedAt: null, customerRetentionRate: null });

    const ready = await vi.waitFor(
      async () => {
        const dashboard = await metrics.getDashboard(quarter);
        if (dashboard.retention.status !== 'ready') throw new Error('not computed yet');
        return dashboard;
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(ready.retention).toMatchObject({
      status: 'ready',
      computedAt: now.toISOString(),
      customerRetentionRate: 70,
      churnRate: 30,
      repeatPurchaseRate: 25,
    });
    expect(ready.retention.report).toMatchObject({ customersAtStart: 200, customersAtEnd: 180, newCustomers: 40 });
    // Everyone's net spend up to the end: 230 customers at $50, ten at $100.
    expect(ready.retention.averageLifetimeValue).toBeCloseTo((230 * 5_000 + 10 * 10_000) / 240, 6);

    // Served from the cache: more dashboards, no more scans of the customers.
    await metrics.getDashboard(quarter);
    await metrics.getDashboard(quarter);
    expect(scans).toBe(1);
  });
});
