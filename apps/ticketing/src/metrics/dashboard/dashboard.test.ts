import { describe, expect, it } from 'vitest';
import { ticketContribution } from '../definitions/ticket-contribution.ts';
import { addContribution, nestedDocument } from '../rollups/rollup-increments.ts';
import { addDays, backlogRollupId, dayRollupId, daysFrom } from '../rollups/rollup-keys.ts';
import { parseOpenRollup, parseRollup } from '../rollups/rollup-section.ts';
import { metricsTicket } from '../testing/metrics-test-tickets.ts';
import { openCountsByDay, summarizeDashboard } from './dashboard.ts';

const now = new Date('2026-03-31T15:00:00.000Z');
const today = '2026-03-31';
const empty = { status: 'computing' as const, computedAt: null, report: null };

describe('summarizeDashboard', () => {
  it('answers an empty period with zeros and nulls, never a division by zero', () => {
    const dashboard = summarizeDashboard({
      query: { from: '2026-03-01', to: '2026-03-02' },
      now,
      trend: {
        granularity: 'day',
        points: ['2026-03-01', '2026-03-02'].map((day) => ({
          day,
          days: 1,
          section: parseRollup(dayRollupId(day, '*'), null).all,
        })),
      },
      breakdown: { tiers: {}, agents: {} },
      openByCreationDay: new Map(),
      backlogTotal: parseRollup(backlogRollupId('*'), null),
      retention: empty,
    });
    expect(dashboard.firstResponseTime).toEqual({ count: 0, median: null, p90: null, mean: null });
    expect(dashboard.slaCompliance.overall).toEqual({ met: 0, breached: 0, rate: null });
    expect(dashboard.csatScore.score).toBeNull();
    expect(dashboard.netPromoterScore.score).toBeNull();
    expect(dashboard.botContainmentRate.rate).toBeNull();
    expect(dashboard.backlog.total).toBe(0);
    expect(dashboard.agents).toEqual([]);
    expect(dashboard.trends.map((trend) => trend.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(dashboard.repeatPurchaseAfterTicket.complete).toBe(false);
  });

  it('ages the backlog by creation day: today, yesterday, 2–6, 7–29 and 30+ days', () => {
    const ages = [0, 1, 2, 6, 7, 29, 30, 45];
    const increments = new Map<string, Map<string, number>>();
    ages.forEach((age, i) => {
      const createdAt = new Date(`${addDays(today, -age)}T09:00:00.000Z`);
      addContribution(ticketContribution(metricsTicket({ id: `tkt_${i}`, createdAt, tier: 'silver' })), 1, increments);
    });
    const rollupOf = (id: string) => {
      const paths = increments.get(id);
      return parseRollup(id, paths ? { _id: id, ...nestedDocument(paths) } : null);
    };
    const openOf = (id: string) => {
      const paths = increments.get(id);
      return parseOpenRollup(paths ? { _id: id, ...nestedDocument(paths) } : null);
    };
    const window = daysFrom(addDays(today, -29), today);
    const dashboard = summarizeDashboard({
      query: { from: today, to: today },
      now,
      trend: { granularity: 'day', points: [{ day: today, days: 1, section: rollupOf(dayRollupId(today, '*')).all }] },
      breakdown: { tiers: {}, agents: {} },
      openByCreationDay: openCountsByDay(window, '*', openOf),
      backlogTotal: rollupOf(backlogRollupId('*')),
      retention: empty,
    });
    expect(dashboard.backlog).toMatchObject({
      total: 8,
      byAge: { today: 1, yesterday: 1, days2to6: 2, days7to29: 2, days30plus: 2 },
    });
    expect(dashboard.backlog.byTier.silver?.byAge).toEqual(dashboard.backlog.byAge);
    expect(dashboard.backlog.byTier.gold?.total).toBe(0);
  });
});

describe('parseRollup', () => {
  it('reads sparse histograms and ignores what it does not know', () => {
    const rollup = parseRollup('2026-03-01|*', {
      _id: '2026-03-01|*',
      all: { ticketsCreated: 2, firstResponseTime: { b24: 2, junk: 1, b999: 4 }, somethingNew: 7 },
      agents: { agt_1: { ticketsAssigned: 1 } },
    });
    expect(rollup.all.counters.ticketsCreated).toBe(2);
    expect(rollup.all.histograms.firstResponseTime[24]).toBe(2);
    expect(rollup.all.histograms.firstResponseTime.reduce((a, b) => a + b, 0)).toBe(2);
    expect(rollup.agents['agt_1']?.counters.ticketsAssigned).toBe(1);
  });
});
