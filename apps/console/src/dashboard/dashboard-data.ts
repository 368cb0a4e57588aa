import { backlogAges, type BacklogAge, type Dashboard } from '@loyaldesk/contracts/metrics-api';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';

/** One bar of the backlog chart: a tier's open tickets by age (as the API counts them). */
export type BacklogRow = { tier: Tier } & Record<BacklogAge, number>;

/** The backlog by tier and age, in tier order, tiers without open tickets left out. */
export function backlogRows(dashboard: Dashboard): BacklogRow[] {
  const rows: BacklogRow[] = [];
  for (const tier of tiers) {
    const backlog = dashboard.backlog.byTier[tier];
    if (!backlog || backlog.total === 0) continue;
    const row = { tier } as BacklogRow;
    for (const age of backlogAges) row[age] = backlog.byAge[age];
    rows.push(row);
  }
  return rows;
}

/** Trend points for the latency charts: seconds as minutes for the axis (formatting only). */
export function latencyTrend(dashboard: Dashboard, which: 'firstResponseTime' | 'resolutionTime') {
  return dashboard.trends.map((point) => ({
    day: point.day,
    median: point[which].median === null ? null : point[which].median / 60,
    p90: point[which].p90 === null ? null : point[which].p90 / 60,
  }));
}

/** SLA compliance per tier, as bars. */
export function slaByTierRows(dashboard: Dashboard): Array<{ tier: Tier; rate: number | null; met: number; breached: number }> {
  return tiers.flatMap((tier) => {
    const compliance = dashboard.slaCompliance.byTier[tier];
    return compliance ? [{ tier, rate: compliance.rate, met: compliance.met, breached: compliance.breached }] : [];
  });
}
