import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '@loyaldesk/contracts/metrics-api';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { ticketCollection } from '../tickets/ticket-model.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { bucketLowerEdge, bucketUpperEdge, latencyBucket } from './definitions/latency-histogram.ts';
import { createMetricsService, type MetricsService } from './metrics-service.ts';
import { flattenDocument } from './rollups/rollup-increments.ts';
import { metricsTicket, type MetricsTicketSpec } from './testing/metrics-test-tickets.ts';

const day = '2026-03-02';
const createdAt = new Date(`${day}T08:00:00.000Z`);
const now = new Date(`${day}T12:00:00.000Z`);
const dayMs = 86_400_000;

/** The ten tickets of the fixture, with hand-picked first response times (seconds) and outcomes. */
const frtSeconds = [30, 45, 60, 90, 120, 180, 300, 600, 900, 3600];
const resolvedAfterMinutes = [10, 20, 30, 40, 50, 60, 90, 100, 150, null];
const surveys: Array<Ticket['survey']> = [
  { csat: 5, nps: 10, ces: 2, answeredAt: now },
  { csat: 5, nps: 9, ces: 3, answeredAt: now },
  { csat: 4, nps: 8, ces: 4, answeredAt: now },
  { csat: 3, nps: 7, answeredAt: now },
  { csat: 1, nps: 6, answeredAt: now },
  { csat: 4, nps: 0, answeredAt: now },
  { nps: 10, answeredAt: now },
  null,
  null,
  null,
];
const customers: Record<number, string> = { 0: 'cus_1', 8: 'cus_2', 5: 'cus_3' };

function fixtureSpecs(): MetricsTicketSpec[] {
  const specs: MetricsTicketSpec[] = frtSeconds.map((seconds, i) => ({
    id: `tkt_${i}`,
    createdAt,
    tier: i < 5 ? 'gold' : 'bronze',
    agentId: i < 5 ? 'agt_a' : 'agt_b',
    customerId: customers[i] ?? null,
    firstReplyAfter: seconds / 60,
    resolvedAfter: resolvedAfterMinutes[i] ?? null,
    firstResponseTarget: 10,
    resolutionTarget: 120,
    survey: surveys[i] ?? null,
    reopenCount: i === 3 ? 1 : i === 6 ? 2 : 0,
  }));
  // Open, created 5 and 40 days earlier: the backlog's older ages.
  specs.push({
    id: 'tkt_10',
    createdAt: new Date(createdAt.getTime() - 5 * dayMs),
    tier: 'silver',
    firstResponseTarget: 600,
  });
  specs.push({
    id: 'tkt_11',
    createdAt: new Date(createdAt.getTime() - 40 * dayMs),
    tier: 'gold',
    firstResponseTarget: 600,
  });
  return specs;
}

/** The states a ticket goes through on its way to `final`: opened, assigned, answered, resolved, surveyed. */
function lifecycle(final: Ticket): Ticket[] {
  const opened: Ticket = {
    ...final,
    status: 'open',
    assigneeId: null,
    assignedAt: null,
    firstRepliedAt: null,
    resolvedAt: null,
    reopenCount: 0,
    survey: null,
  };
  const assigned: Ticket = {
    ...opened,
    status: final.assigneeId ? 'assigned' : 'open',
    assigneeId: final.assigneeId,
    assignedAt: final.assignedAt,
  };
  const answered: Ticket = { ...assigned, firstRepliedAt: final.firstRepliedAt };
  const resolved: Ticket = {
    ...answered,
    status: final.status,
    resolvedAt: final.resolvedAt,
    reopenCount: final.reopenCount,
  };
  return [opened, assigned, answered, resolved, final].map((state, version) => ({ ...state, version }));
}

function toDocument(ticket: Ticket) {
  const { id, ...rest } = ticket;
  return { _id: id, ...rest };
}

function expectWithinBucket(estimate: number | null, exact: number): void {
  const bucket = latencyBucket(exact);
  expect(estimate).not.toBeNull();
  expect(estimate ?? -1).toBeGreaterThanOrEqual(bucketLowerEdge(bucket));
  expect(estimate ?? Infinity).toBeLessThan(bucketUpperEdge(bucket));
}

describe('metrics service', () => {
  let db: TestDatabase;
  let metrics: MetricsService;
  const retentionRequests: Array<{ from: string; to: string }> = [];
  let dashboard: Dashboard;

  beforeAll(async () => {
    db = await createTestDatabase();
    metrics = createMetricsService({
      connection: db.connection,
      clock: () => now,
      requestRetentionReport: (period) => {
        retentionRequests.push(period);
        return Promise.resolve();
      },
    });
    const tickets = fixtureSpecs().map(metricsTicket);
    for (const final of tickets) {
      let before: Ticket | null = null;
      for (const state of lifecycle(final)) {
        await metrics.recordTicketChange(before, state);
        before = state;
      }
      await ticketCollection(db.connection).insertOne(toDocument({ ...final, version: 4 }));
    }
    for (const [conversationId, handedOff] of [
      ['conv_1', false],
      ['conv_2', false],
      ['conv_3', true],
      ['conv_4', false],
    ] as const) {
      await metrics.recordConversationClosed({
        conversationId,
        closedAt: now.toISOString(),
        handedOff,
        language: 'en',
      });
    }
    // conv_2 delivered again, this time claiming a handoff: the first delivery counts.
    expect(
      await metrics.recordConversationClosed({
        conversationId: 'conv_2',
        closedAt: now.toISOString(),
        handedOff: true,
        language: 'en',
      }),
    ).toBe('duplicate');
    // cus_1 buys 10 and 20 days after tkt_0 (met SLA); cus_2 only after 100 days (tkt_8, breached); cus_3 the day before tkt_5.
    expect(await metrics.recordCustomerOrder('cus_1', new Date(createdAt.getTime() + 10 * dayMs))).toEqual({
      marked: 1,
    });
    expect(await metrics.recordCustomerOrder('cus_1', new Date(createdAt.getTime() + 20 * dayMs))).toEqual({
      marked: 0,
    });
    expect(await metrics.recordCustomerOrder('cus_2', new Date(createdAt.getTime() + 100 * dayMs))).toEqual({
      marked: 0,
    });
    expect(await metrics.recordCustomerOrder('cus_3', new Date(createdAt.getTime() - dayMs))).toEqual({ marked: 0 });
    dashboard = await metrics.getDashboard({ from: day, to: day });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('reads first response and resolution time medians and p90 within a bucket of the hand-computed ones', () => {
    // First response: nearest rank 5 and 9 of ten → 120 s and 900 s.
    expect(dashboard.firstResponseTime.count).toBe(10);
    expectWithinBucket(dashboard.firstResponseTime.median, 120);
    expectWithinBucket(dashboard.firstResponseTime.p90, 900);
    expect(dashboard.firstResponseTime.median).toBeCloseTo(117.4, 1);
    expect(dashboard.firstResponseTime.p90).toBeCloseTo(939, 0);
    expect(dashboard.firstResponseTime.mean).toBe(592.5);
    // Resolution (nine resolved): ranks 5 and 9 → 3000 s and 9000 s.
    expect(dashboard.resolutionTime.count).toBe(9);
    expectWithinBucket(dashboard.resolutionTime.median, 3000);
    expectWithinBucket(dashboard.resolutionTime.p90, 9000);
    expect(dashboard.trends).toHaveLength(1);
    expect(dashboard.trends[0]).toMatchObject({ day, ticketsCreated: 10, ticketsResolved: 9, slaCompliance: 80 });
  });

  it('computes SLA compliance overall, per target, per tier and per agent', () => {
    expect(dashboard.slaCompliance.overall).toEqual({ met: 8, breached: 2, rate: 80 });
    expect(dashboard.slaCompliance.firstResponse).toEqual({ met: 8, breached: 2, rate: 80 });
    expect(dashboard.slaCompliance.resolution).toEqual({ met: 8, breached: 1, rate: 88.9 });
    expect(dashboard.slaCompliance.byTier).toEqual({
      gold: { met: 5, breached: 0, rate: 100 },
      bronze: { met: 3, breached: 2, rate: 60 },
    });
    expect(dashboard.slaCompliance.byAgent).toEqual({
      agt_a: { met: 5, breached: 0, rate: 100 },
      agt_b: { met: 3, breached: 2, rate: 60 },
    });
  });

  it('computes CSAT with its response rate, CES, NPS and the reopen rate', () => {
    expect(dashboard.csatScore).toEqual({ score: 66.7, responses: 6, positive: 4, average: 3.67, responseRate: 66.7 });
    expect(dashboard.customerEffortScore).toEqual({ average: 3, responses: 3 });
    expect(dashboard.netPromoterScore).toEqual({ score: 14.3, responses: 7, promoters: 3, detractors: 2 });
    expect(dashboard.reopenRate).toEqual({ rate: 22.2, reopened: 2, resolved: 9 });
  });

  it('shows the backlog right now by age and tier, and each agent’s load', () => {
    expect(dashboard.backlog.total).toBe(3);
    expect(dashboard.backlog.byAge).toEqual({ today: 1, yesterday: 0, days2to6: 1, days7to29: 0, days30plus: 1 });
    expect(dashboard.backlog.byTier.bronze).toEqual({
      total: 1,
      byAge: { today: 1, yesterday: 0, days2to6: 0, days7to29: 0, days30plus: 0 },
    });
    expect(dashboard.backlog.byTier.silver?.byAge.days2to6).toBe(1);
    expect(dashboard.backlog.byTier.gold?.byAge.days30plus).toBe(1);
    expect(dashboard.backlog.byTier.platinum?.total).toBe(0);
    const agents = Object.fromEntries(dashboard.agents.map((row) => [row.agentId, row]));
    expect(agents['agt_a']).toMatchObject({ ticketsAssigned: 5, ticketsResolved: 5, openTickets: 0, csatScore: 60 });
    expect(agents['agt_b']).toMatchObject({ ticketsAssigned: 5, ticketsResolved: 4, openTickets: 1 });
    // agt_a answered in 30, 45, 60, 90, 120 s: median 60 s; agt_b in 180 … 3600 s: median 600 s.
    expectWithinBucket(agents['agt_a']?.firstResponseTime.median ?? null, 60);
    expectWithinBucket(agents['agt_b']?.firstResponseTime.median ?? null, 600);
  });

  it('counts bot containment and handoffs once per conversation', () => {
    expect(dashboard.botContainmentRate).toEqual({ rate: 75, conversationsClosed: 4, containedByBot: 3 });
    expect(dashboard.handoffRate).toEqual({ rate: 25, handedOff: 1, conversationsClosed: 4 });
  });

  it('compares repeat purchases in the 90 days after tickets that met SLA with those that breached', () => {
    expect(dashboard.repeatPurchaseAfterTicket).toEqual({
      windowDays: 90,
      slaMet: { tickets: 2, repurchased: 1, rate: 50 },
      slaBreached: { tickets: 1, repurchased: 0, rate: 0 },
      complete: false,
    });
  });

  it('asks for the retention report in the background instead of computing it on the request', () => {
    expect(dashboard.retention).toMatchObject({ status: 'computing', computedAt: null, customerRetentionRate: null });
    expect(retentionRequests).toContainEqual({ from: day, to: day });
  });

  it('filters by tier from the tier’s own rollups (chats have no tier)', async () => {
    const gold = await metrics.getDashboard({ from: day, to: day, tier: 'gold' });
    expect(gold.period.tier).toBe('gold');
    expect(gold.ticketsCreated).toBe(5);
    expect(gold.slaCompliance.overall).toEqual({ met: 5, breached: 0, rate: 100 });
    expect(gold.slaCompliance.byTier).toEqual({ gold: { met: 5, breached: 0, rate: 100 } });
    expectWithinBucket(gold.firstResponseTime.median, 60);
    expect(gold.backlog).toMatchObject({ total: 1, byAge: { days30plus: 1 } });
    expect(gold.agents.map((row) => row.agentId)).toEqual(['agt_a']);
    expect(gold.botContainmentRate.rate).toBeNull();
    expect(gold.repeatPurchaseAfterTicket.slaMet).toEqual({ tickets: 1, repurchased: 1, rate: 100 });
  });

  it('reads a quarter from week rollups, a few breakdowns and the backlog, by _id, and names a bad field', async () => {
    const ids: string[] = [];
    const findByIds = metrics.stores.rollups.findByIds.bind(metrics.stores.rollups);
    metrics.stores.rollups.findByIds = (requested) => {
      ids.push(...requested);
      return findByIds(requested);
    };
    const quarter = await metrics.getDashboard({ from: '2026-01-01', to: '2026-03-31' });
    metrics.stores.rollups.findByIds = findByIds;
    expect(quarter.ticketsCreated).toBe(12);
    // By week: Jan 1–4 as 4 days, 12 whole weeks, Mar 30–31 as 2 days; three month breakdowns; the
    // open-now rollup; the open-by-creation-day rollups of February and March (the last 30 days).
    expect(quarter.trendGranularity).toBe('week');
    expect(quarter.trends.map((point) => point.days)).toEqual([4, ...Array<number>(12).fill(7), 2]);
    expect(quarter.trends.reduce((sum, point) => sum + point.ticketsCreated, 0)).toBe(12);
    expect(ids.filter((id) => id.endsWith('|week'))).toHaveLength(12);
    expect(new Set(ids).size).toBe(4 + 12 + 2 + 3 + 1 + 2);
    expect(ids.filter((id) => id.endsWith('|breakdown')).sort()).toEqual([
      '2026-01|*|breakdown',
      '2026-02|*|breakdown',
      '2026-03|*|breakdown',
    ]);
    // Cut mid-month, the same figures come from month − days and days.
    const cut = await metrics.getDashboard({ from: '2026-03-02', to: '2026-03-31' });
    expect(cut.slaCompliance.byAgent).toEqual(dashboard.slaCompliance.byAgent);
    expect(cut.agents).toEqual(dashboard.agents);
    await expect(metrics.getDashboard({ from: '2026-03-02', to: '2026-03-01' })).rejects.toMatchObject({
      code: 'loyaldesk:validation_failed',
      field: 'to',
    });
    await expect(metrics.getDashboard({ from: '2026-03-02', to: '2026-03-xx' })).rejects.toMatchObject({ field: 'to' });
  });

  it('rebuilds exactly the rollups the events built', async () => {
    const flatten = async () =>
      new Map(
        (await metrics.stores.rollups.findAll()).map((document) => [
          document._id,
          Object.fromEntries(flattenDocument(document)),
        ]),
      );
    const incremental = await flatten();
    const result = await metrics.rebuildRollups();
    expect(result).toMatchObject({ tickets: 12, followUps: 3, conversations: 4, invalidTickets: [] });
    const rebuilt = await flatten();
    // Rollups whose amounts all cancelled out are absent after a rebuild.
    const nonEmpty = new Map([...incremental].filter(([, paths]) => Object.keys(paths).length > 0));
    expect(rebuilt).toEqual(nonEmpty);
  });
});
