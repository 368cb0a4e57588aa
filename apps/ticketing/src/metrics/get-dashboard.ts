import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import { planBreakdown, sumBreakdown } from './breakdown-plan.ts';
import { backlogWindowDays, summarizeDashboard, type Dashboard, type RetentionStatus } from './dashboard.ts';
import { dashboardQuerySchema } from './dashboard-query.ts';
import type { MetricsStores } from './metrics-stores.ts';
import {
  addDays,
  allTiers,
  backlogRollupId,
  breakdownRollupId,
  dayOf,
  dayRollupId,
  daysFrom,
  type Day,
} from './rollup-keys.ts';
import { parseRollup } from './rollup-section.ts';

export interface GetDashboardDeps {
  stores: Pick<MetricsStores, 'rollups' | 'retention'>;
  /** Enqueues the period's retention report (the dashboard never scans customers itself). */
  requestRetentionReport?: (period: { from: Day; to: Day }, requestedAt: Date) => Promise<void>;
  /** A cached retention report older than this is returned as `stale` and recomputed in the background. */
  retentionMaxAgeMs?: number;
  clock?: () => Date;
  logger?: Logger;
}

const defaultRetentionMaxAgeMs = 60 * 60_000;

/**
 * The manager dashboard for a period (UTC days, both included) and optionally one tier. Reads,
 * by `_id` only: one small day-totals rollup per day of the period (and of the last 30 days for
 * the backlog, shared when the period ends today), the breakdowns the plan calls for (whole
 * months, edge days), the open-now rollup and the cached retention report; so its cost grows
 * with the days asked for, never with the number of tickets.
 * A bad query fails with a ValidationError naming the field.
 * @example await getDashboard(deps, { from: '2026-01-01', to: '2026-03-31', tier: 'gold' })
 */
export async function getDashboard(deps: GetDashboardDeps, input: unknown): Promise<Dashboard> {
  const parsed = dashboardQuerySchema.safeParse(input);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'dashboard query');
  const query = parsed.data;
  const now = (deps.clock ?? (() => new Date()))();
  const scope = query.tier ?? allTiers;
  const today = dayOf(now);

  const periodDays = daysFrom(query.from, query.to);
  const backlogDays = daysFrom(addDays(today, -(backlogWindowDays - 1)), today);
  const totalId = backlogRollupId(scope);
  const breakdownParts = planBreakdown(query.from, query.to).map((part) => ({
    ...part,
    id: breakdownRollupId(part.span, scope),
  }));
  const [stored, cached] = await Promise.all([
    deps.stores.rollups.findByIds([
      ...periodDays.map((day) => dayRollupId(day, scope)),
      ...backlogDays.map((day) => dayRollupId(day, scope)),
      ...breakdownParts.map((part) => part.id),
      totalId,
    ]),
    deps.stores.retention.find({ from: query.from, to: query.to }),
  ]);
  const rollupOf = (id: string) => parseRollup(id, stored.get(id));

  const age = cached ? now.getTime() - cached.computedAt.getTime() : Infinity;
  const status: RetentionStatus = !cached
    ? 'computing'
    : age > (deps.retentionMaxAgeMs ?? defaultRetentionMaxAgeMs)
      ? 'stale'
      : 'ready';
  if (status !== 'ready' && deps.requestRetentionReport) {
    // Best effort: the dashboard answers from the rollups even when the queue is down.
    await deps.requestRetentionReport({ from: query.from, to: query.to }, now).catch((error: unknown) => {
      deps.logger?.warn({ err: error, from: query.from, to: query.to }, 'could not request the retention report');
    });
  }

  return summarizeDashboard({
    query,
    now,
    periodRollups: periodDays.map((day) => ({ day, rollup: rollupOf(dayRollupId(day, scope)) })),
    breakdown: sumBreakdown(breakdownParts.map((part) => ({ rollup: rollupOf(part.id), sign: part.sign }))),
    backlogDayRollups: new Map(backlogDays.map((day) => [day, rollupOf(dayRollupId(day, scope))])),
    backlogTotal: rollupOf(totalId),
    retention: { status, computedAt: cached?.computedAt ?? null, report: cached?.report ?? null },
  });
}
