import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tier } from '@loyaldesk/contracts/tier';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { ticketCollection } from '../tickets/ticket-model.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { repurchaseAfterDeliveryProblems } from './definitions/delivery-problem-follow-up.ts';
import { createMetricsService, type MetricsService } from './metrics-service.ts';
import { metricsTicket } from './testing/metrics-test-tickets.ts';

const day = '2026-03-02';
const problemAt = new Date(`${day}T09:00:00.000Z`);
const now = new Date('2026-09-01T00:00:00.000Z');
const dayMs = 86_400_000;
const after = (days: number): Date => new Date(problemAt.getTime() + days * dayMs);

/** Six delayed shoppers: three notified, three the policy left alone; their later orders (days after the problem). */
const problems: Array<{ customerId: string; tier: Tier; notified: boolean; ordersAfterDays: number[] }> = [
  { customerId: 'cus_n1', tier: 'gold', notified: true, ordersAfterDays: [10, 20] },
  { customerId: 'cus_n2', tier: 'bronze', notified: true, ordersAfterDays: [100] },
  { customerId: 'cus_n3', tier: 'bronze', notified: true, ordersAfterDays: [-1, 45] },
  { customerId: 'cus_q1', tier: 'bronze', notified: false, ordersAfterDays: [30] },
  { customerId: 'cus_q2', tier: 'silver', notified: false, ordersAfterDays: [] },
  { customerId: 'cus_q3', tier: 'bronze', notified: false, ordersAfterDays: [91] },
];

function proactiveTicket(id: string, customerId: string, proactive: boolean): Ticket {
  const ticket = metricsTicket({ id, createdAt: problemAt, customerId, firstResponseTarget: 600 });
  return proactive
    ? { ...ticket, proactive: { kind: 'delayed', orderNumber: id, shipmentId: `shp_${id}`, trackingNumber: `1Z${id}` } }
    : ticket;
}

describe('delivery notices on the dashboard', () => {
  let db: TestDatabase;
  let metrics: MetricsService;

  beforeAll(async () => {
    db = await createTestDatabase();
    metrics = createMetricsService({ connection: db.connection, clock: () => now, requestRetentionReport: () => Promise.resolve() });
    const tickets = [proactiveTicket('tkt_p1', 'cus_n1', true), proactiveTicket('tkt_p2', 'cus_q1', true), proactiveTicket('tkt_x', 'cus_n2', false)];
    for (const ticket of tickets) {
      await metrics.recordTicketChange(null, ticket);
      const { id, ...rest } = ticket;
      await ticketCollection(db.connection).insertOne({ _id: id, ...rest } as never);
    }
    for (const problem of problems) {
      const recorded = { problemId: `order_${problem.customerId}:shp:delayed`, customerId: problem.customerId, tier: problem.tier, notified: problem.notified, at: problemAt };
      expect(await metrics.recordDeliveryProblem(recorded)).toBe('counted');
      // A tracking report delivered again: counted once.
      expect(await metrics.recordDeliveryProblem(recorded)).toBe('duplicate');
    }
    for (const problem of problems)
      for (const days of problem.ordersAfterDays) await metrics.recordCustomerOrder(problem.customerId, after(days));
    // An order ingested again: its repurchase stays counted once.
    await metrics.recordCustomerOrder('cus_n1', after(10));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('shows notices sent, proactive tickets opened and 90-day repurchase of notified against not-notified shoppers', async () => {
    const dashboard = await metrics.getDashboard({ from: day, to: day });
    expect(dashboard.deliveryNotices).toEqual({
      noticesSent: 3,
      proactiveTicketsOpened: 2,
      windowDays: 90,
      notified: { shoppers: 3, repurchased: 2, rate: 66.7 },
      notNotified: { shoppers: 3, repurchased: 1, rate: 33.3 },
      complete: true,
    });
    // The same figures as the definition computes from the raw problems and orders.
    const expected = repurchaseAfterDeliveryProblems(
      problems.map((problem) => ({ customerId: problem.customerId, notified: problem.notified, at: problemAt })),
      problems.flatMap((problem) => problem.ordersAfterDays.map((days) => ({ customerId: problem.customerId, placedAt: after(days) }))),
    );
    expect({ notified: dashboard.deliveryNotices.notified, notNotified: dashboard.deliveryNotices.notNotified }).toEqual({
      notified: expected.notified,
      notNotified: expected.notNotified,
    });
    const bronze = await metrics.getDashboard({ from: day, to: day, tier: 'bronze' });
    expect(bronze.deliveryNotices.notified).toEqual({ shoppers: 2, repurchased: 1, rate: 50 });
    expect(bronze.deliveryNotices.notNotified).toEqual({ shoppers: 2, repurchased: 1, rate: 50 });
  });

  it('rebuilds the same figures from the records', async () => {
    const incremental = (await metrics.getDashboard({ from: day, to: day })).deliveryNotices;
    const result = await metrics.rebuildRollups();
    expect(result.deliveryProblems).toBe(6);
    metrics.rollupCache.clear();
    expect((await metrics.getDashboard({ from: day, to: day })).deliveryNotices).toEqual(incremental);
  });
});
