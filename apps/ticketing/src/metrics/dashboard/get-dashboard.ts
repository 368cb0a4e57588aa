import { dashboardQuerySchema, type Dashboard, type RetentionStatus } from '@loyaldesk/contracts/metrics-api';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import type { Logger } from '@loyaldesk/platform/logger';
import type { RollupCache } from '../caches/rollup-cache.ts';
import {
  addDays,
  allTiers,
  backlogRollupId,
  breakdownRollupId,
  dayOf,
  daysFrom,
  monthOf,
  openRollupId,
  type Day,
} from '../rollups/rollup-keys.ts';
import { emptySection, mergeSectionInto, parseRollup, parseOpenRollup } from '../rollups/rollup-section.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { planBreakdown, sumBreakdown } from './breakdown-plan.ts';
import {
  backlogWindowDays,
  openCountsByDay,
  summarizeDashboard,
} from './dashboard.ts';
import { planTrend } from './trend-plan.ts';

export interface GetDashboardDeps {
  stores: Pick<MetricsStores, 'retention'>;
  /** Where rollups are read (from memory when their revision says they are current). */
  rollups: RollupCache;
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
 * by `_id` only: the period's trend points (one day rollup per day up to 31 days, else one week
 * rollup per week plus the edges), the breakdowns the plan calls for (whole months, edge days),
 * the open-now rollup, the open-by-creation-day rollups of the last 30 days (one or two months)
 * and the cached retention report; so its cost grows with the length of the period, never with
 * the number of tickets. Rollups come through the cache: unchanged ones are not read again.
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

  const trend = planTrend(query.from, query.to, scope);
  const backlogDays = daysFrom(addDays(today, -(backlogWindowDays - 1)), today);
  const openIds = [...new Set(backlogDays.map((day) => openRollupId(monthOf(day), scope)))];
  const totalId = backlogRollupId(scope);
  const breakdownParts = planBreakdown(query.from, query.to).map((part) => ({
    ...part,
    id: breakdownRollupId(part.span, scope),
  }));
  const [stored, cached] = await Promise.all([
    deps.rollups.read({
      rollups: [
        ...trend.points.flatMap((point) => point.parts.map((part) => part.id)),
        ...breakdownParts.map((part) => part.id),
        totalId,
      ],
      open: openIds,
    }),
    deps.stores.retention.find({ from: query.from, to: query.to }),
  ]);
  const rollupOf = (id: string) => stored.rollups.get(id) ?? parseRollup(id, null);

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

  const openByCreationDay = openCountsByDay(backlogDays, scope, (id) => stored.open.get(id) ?? parseOpenRollup(null));

  return summarizeDashboard({
    query,
    now,
    trend: {
      granularity: trend.granularity,
      points: trend.points.map((point) => {
        const section = emptySection();
        for (const part of point.parts) mergeSectionInto(section, rollupOf(part.id).all, part.sign);
        return { day: point.day, days: point.days, section };
      }),
    },
    breakdown: sumBreakdown(breakdownParts.map((part) => ({ rollup: rollupOf(part.id), sign: part.sign }))),
    openByCreationDay,
    backlogTotal: rollupOf(totalId),
    retention: { status, computedAt: cached?.computedAt ?? null, report: cached?.report ?? null },
  });
}
