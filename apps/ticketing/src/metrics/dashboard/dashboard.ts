import { withRate } from '../definitions/delivery-problem-follow-up.ts';
import type {
  BacklogAge,
  BacklogByAge,
  Compliance,
  Dashboard,
  DashboardQuery,
  LatencySummary,
  RetentionReport,
  RetentionStatus,
  TrendGranularity,
  TrendPoint,
} from '@loyaldesk/contracts/metrics-api';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';
import { repurchaseWindowDays } from '../definitions/follow-up.ts';
import { quantile } from '../definitions/latency-histogram.ts';
import type { RollupHistogram } from '../definitions/rollup-fields.ts';
import {
  addDays,
  dayOfMonthKey,
  daysBetween,
  daysFrom,
  monthOf,
  openRollupId,
  type Day,
  type RollupScope,
} from '../rollups/rollup-keys.ts';
import {
  emptySection,
  mergeSectionInto,
  type OpenByDay,
  type Rollup,
  type RollupSection,
} from '../rollups/rollup-section.ts';
import type { Breakdown } from './breakdown-plan.ts';

// The dashboard's shape (`Dashboard`) is the contracts' (`@loyaldesk/contracts/metrics-api`): the
// console parses the same schema.

/** A share in percent (0–100), one decimal; null when there is nothing to divide by. */
function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

function average(total: number, count: number): number | null {
  return count > 0 ? Math.round((total / count) * 100) / 100 : null;
}

function latency(section: RollupSection, histogram: RollupHistogram): LatencySummary {
  const counts = section.histograms[histogram];
  const count = histogram === 'firstResponseTime' ? section.counters.firstResponses : section.counters.ticketsResolved;
  const total =
    histogram === 'firstResponseTime' ? section.counters.firstResponseTimeTotal : section.counters.resolutionTimeTotal;
  return {
    count,
    median: quantile(counts, 0.5)?.seconds ?? null,
    p90: quantile(counts, 0.9)?.seconds ?? null,
    mean: average(total, count),
  };
}

function compliance(met: number, breached: number): Compliance {
  return { met, breached, rate: percent(met, met + breached) };
}

function ticketCompliance(section: RollupSection): Compliance {
  return compliance(section.counters.slaMet, section.counters.slaBreached);
}

/** How many days of per-day open counts the backlog reads; older tickets are the total minus these. */
export const backlogWindowDays = 30;

function ageOf(daysOld: number): BacklogAge {
  if (daysOld <= 0) return 'today';
  if (daysOld === 1) return 'yesterday';
  if (daysOld <= 6) return 'days2to6';
  return 'days7to29';
}

/** Tickets created on one day that are open now: in the scope (`all`) and, in the `*` scope, per tier. */
export interface OpenCounts {
  all: number;
  tiers: Partial<Record<Tier, number>>;
}

/**
 * Open tickets by creation day for `days`, read from the scope's open-by-day rollups (one per
 * month; see `openRollupId`).
 */
export function openCountsByDay(
  days: readonly Day[],
  scope: RollupScope,
  openRollup: (id: string) => OpenByDay,
): Map<Day, OpenCounts> {
  const counts = new Map<Day, OpenCounts>();
  for (const day of days) {
    const open = openRollup(openRollupId(monthOf(day), scope));
    const key = dayOfMonthKey(day);
    const byTier: OpenCounts['tiers'] = {};
    for (const tier of tiers) {
      const perDay = open.tiers[tier];
      if (perDay) byTier[tier] = perDay[key] ?? 0;
    }
    counts.set(day, { all: open.all[key] ?? 0, tiers: byTier });
  }
  return counts;
}

export interface DashboardInput {
  query: DashboardQuery;
  now: Date;
  /** The scope's totals for each trend point of the period, oldest first; together exactly the period. */
  trend: {
    granularity: TrendGranularity;
    points: ReadonlyArray<{ day: Day; days: number; section: RollupSection }>;
  };
  /** The scope's breakdown (tiers, agents) over the period (see breakdown-plan.ts). */
  breakdown: Breakdown;
  /** Open tickets by creation day for the last {@link backlogWindowDays} days up to today (missing days: none). */
  openByCreationDay: ReadonlyMap<Day, OpenCounts>;
  /** The scope's rollup of tickets open right now. */
  backlogTotal: Rollup;
  retention: { status: RetentionStatus; computedAt: Date | null; report: RetentionReport | null };
}

function backlogByAge(
  total: number,
  today: Day,
  perDay: ReadonlyMap<Day, OpenCounts>,
  openOn: (counts: OpenCounts) => number,
): BacklogByAge {
  const byAge: Record<BacklogAge, number> = { today: 0, yesterday: 0, days2to6: 0, days7to29: 0, days30plus: 0 };
  let inWindow = 0;
  for (const day of daysFrom(addDays(today, -(backlogWindowDays - 1)), today)) {
    const counts = perDay.get(day);
    if (!counts) continue;
    const open = openOn(counts);
    byAge[ageOf(daysBetween(day, today))] += open;
    inWindow += open;
  }
  byAge.days30plus = Math.max(0, total - inWindow);
  return { total, byAge };
}

/**
 * The manager dashboard from the rollups of a period: pure, so it is tested on fixtures. The
 * trend points' totals give the period's totals and trends, the breakdown its tiers and agents;
 * sections merge by adding (counters and histograms alike), then are read.
 */
export function summarizeDashboard(input: DashboardInput): Dashboard {
  const { query } = input;
  const total = emptySection();
  const byTier: Partial<Record<Tier, RollupSection>> = query.tier ? {} : { ...input.breakdown.tiers };
  const byAgent = input.breakdown.agents;
  const trends: TrendPoint[] = [];

  for (const { day, days, section } of input.trend.points) {
    mergeSectionInto(total, section);
    const first = latency(section, 'firstResponseTime');
    const resolution = latency(section, 'resolutionTime');
    trends.push({
      day,
      days,
      ticketsCreated: section.counters.ticketsCreated,
      ticketsResolved: section.counters.ticketsResolved,
      firstResponseTime: { median: first.median, p90: first.p90 },
      resolutionTime: { median: resolution.median, p90: resolution.p90 },
      slaCompliance: ticketCompliance(section).rate,
      csatScore: percent(section.counters.csatPositive, section.counters.csatResponses),
    });
  }
  if (query.tier) byTier[query.tier] = total;

  const tierCompliance: Partial<Record<Tier, Compliance>> = {};
  for (const tier of tiers) {
    const section = byTier[tier];
    if (section) tierCompliance[tier] = ticketCompliance(section);
  }

  const c = total.counters;
  const today = input.now.toISOString().slice(0, 10);
  const openAgents = Object.entries(input.backlogTotal.agents);
  const agentIds = [...new Set([...Object.keys(byAgent), ...openAgents.map(([id]) => id)])].sort();
  const tierBacklog: Partial<Record<Tier, BacklogByAge>> = {};
  for (const tier of query.tier ? [query.tier] : tiers) {
    const tierTotal = (query.tier ? input.backlogTotal.all : input.backlogTotal.tiers[tier])?.counters.openTickets ?? 0;
    const openOn = (counts: OpenCounts): number => (query.tier ? counts.all : (counts.tiers[tier] ?? 0));
    tierBacklog[tier] = backlogByAge(tierTotal, today, input.openByCreationDay, openOn);
  }
  const lastDayEnd = new Date(`${addDays(query.to, 1)}T00:00:00.000Z`).getTime();
  const retention = input.retention.report;

  return {
    period: { from: query.from, to: query.to, days: daysBetween(query.from, query.to) + 1, tier: query.tier ?? null },
    ticketsCreated: c.ticketsCreated,
    ticketsResolved: c.ticketsResolved,
    firstResponseTime: latency(total, 'firstResponseTime'),
    resolutionTime: latency(total, 'resolutionTime'),
    slaCompliance: {
      overall: ticketCompliance(total),
      firstResponse: compliance(c.firstResponseSlaMet, c.firstResponseSlaBreached),
      resolution: compliance(c.resolutionSlaMet, c.resolutionSlaBreached),
      byTier: tierCompliance,
      byAgent: Object.fromEntries(Object.entries(byAgent).map(([id, section]) => [id, ticketCompliance(section)])),
    },
    csatScore: {
      score: percent(c.csatPositive, c.csatResponses),
      responses: c.csatResponses,
      positive: c.csatPositive,
      average: average(c.csatTotal, c.csatResponses),
      responseRate: percent(c.csatResponses, c.ticketsResolved),
    },
    customerEffortScore: { average: average(c.cesTotal, c.cesResponses), responses: c.cesResponses },
    netPromoterScore: {
      score: percent(c.npsPromoters - c.npsDetractors, c.npsResponses),
      responses: c.npsResponses,
      promoters: c.npsPromoters,
      detractors: c.npsDetractors,
    },
    reopenRate: {
      rate: percent(c.reopenedResolved, c.ticketsResolved),
      reopened: c.reopenedResolved,
      resolved: c.ticketsResolved,
    },
    backlog: {
      asOf: input.now.toISOString(),
      ...backlogByAge(
        input.backlogTotal.all.counters.openTickets,
        today,
        input.openByCreationDay,
        (counts) => counts.all,
      ),
      byTier: tierBacklog,
    },
    agents: agentIds.map((agentId) => {
      const section = byAgent[agentId] ?? emptySection();
      return {
        agentId,
        ticketsAssigned: section.counters.ticketsAssigned,
        ticketsResolved: section.counters.ticketsResolved,
        openTickets: input.backlogTotal.agents[agentId]?.counters.openTickets ?? 0,
        firstResponseTime: latency(section, 'firstResponseTime'),
        resolutionTime: latency(section, 'resolutionTime'),
        slaCompliance: ticketCompliance(section),
        csatScore: percent(section.counters.csatPositive, section.counters.csatResponses),
      };
    }),
    botContainmentRate: {
      rate: percent(c.conversationsClosed - c.conversationsHandedOff, c.conversationsClosed),
      conversationsClosed: c.conversationsClosed,
      containedByBot: c.conversationsClosed - c.conversationsHandedOff,
    },
    botCsatScore: {
      score: percent(c.botCsatPositive, c.botCsatResponses),
      responses: c.botCsatResponses,
      positive: c.botCsatPositive,
      average: average(c.botCsatTotal, c.botCsatResponses),
    },
    botEffortScore: { average: average(c.botCesTotal, c.botCesResponses), responses: c.botCesResponses },
    handoffRate: {
      rate: percent(c.conversationsHandedOff, c.conversationsClosed),
      handedOff: c.conversationsHandedOff,
      conversationsClosed: c.conversationsClosed,
    },
    trendGranularity: input.trend.granularity,
    trends,
    retention: {
      status: input.retention.status,
      computedAt: input.retention.computedAt?.toISOString() ?? null,
      customerRetentionRate: retention?.customerRetentionRate ?? null,
      repeatPurchaseRate: retention?.repeatPurchaseRate ?? null,
      churnRate: retention?.churnRate ?? null,
      averageLifetimeValue: retention?.averageLifetimeValue ?? null,
      report: retention,
    },
    repeatPurchaseAfterTicket: {
      windowDays: repurchaseWindowDays,
      slaMet: {
        tickets: c.followUpSlaMet,
        repurchased: c.repurchasedSlaMet,
        rate: percent(c.repurchasedSlaMet, c.followUpSlaMet),
      },
      slaBreached: {
        tickets: c.followUpSlaBreached,
        repurchased: c.repurchasedSlaBreached,
        rate: percent(c.repurchasedSlaBreached, c.followUpSlaBreached),
      },
      complete: input.now.getTime() >= lastDayEnd + repurchaseWindowDays * 86_400_000,
    },
    deliveryNotices: {
      noticesSent: c.deliveryNoticesSent,
      proactiveTicketsOpened: c.proactiveTicketsCreated,
      windowDays: repurchaseWindowDays,
      notified: withRate({ shoppers: c.deliveryNoticesSent, repurchased: c.repurchasedAfterNotice }),
      notNotified: withRate({ shoppers: c.deliveryProblemsNotNotified, repurchased: c.repurchasedWithoutNotice }),
      complete: input.now.getTime() >= lastDayEnd + repurchaseWindowDays * 86_400_000,
    },
  };
}
