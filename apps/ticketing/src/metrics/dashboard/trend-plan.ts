import type { TrendGranularity } from '@loyaldesk/contracts/metrics-api';
import {
  addDays,
  dayRollupId,
  daysBetween,
  daysFrom,
  weekRollupId,
  weekStartOf,
  type Day,
  type RollupScope,
} from '../rollups/rollup-keys.ts';

/** Periods longer than this many days are charted by week (one rollup per week instead of per day). */
export const maxDailyTrendDays = 31;

/** One rollup to read for a trend point, and whether to add it or take it away. */
export interface TrendPart {
  id: string;
  sign: 1 | -1;
}

/** A trend point: the days it covers (`from`, `days` of them) and the rollups whose signed sum they are. */
export interface TrendPoint {
  day: Day;
  days: number;
  parts: TrendPart[];
}

/** Day points up to {@link maxDailyTrendDays} days, week points beyond. */
export function trendGranularity(from: Day, to: Day): TrendGranularity {
  return daysBetween(from, to) + 1 > maxDailyTrendDays ? 'week' : 'day';
}

/**
 * The trend points of a period (UTC days, both included) and the totals rollups each is read
 * from. By day: one day rollup each. By week (Monday to Sunday): a week inside the period is its
 * week rollup; a week cut by the period's edge covers only the period's days, read as those days
 * or as the week minus the days left out, whichever reads fewer rollups (counters and histograms
 * are whole numbers, so subtraction is exact). The points add up to exactly the period.
 * @example planTrend('2026-03-01', '2026-03-31', '*').map((p) => p.days) // [1, 7, 7, 7, 7, 2] (by week)
 */
export function planTrend(
  from: Day,
  to: Day,
  scope: RollupScope,
): { granularity: TrendGranularity; points: TrendPoint[] } {
  const granularity = trendGranularity(from, to);
  if (from > to) return { granularity, points: [] };
  if (granularity === 'day') {
    return {
      granularity,
      points: daysFrom(from, to).map((day) => ({ day, days: 1, parts: [{ id: dayRollupId(day, scope), sign: 1 }] })),
    };
  }
  const points: TrendPoint[] = [];
  for (let week = weekStartOf(from); week <= to; week = addDays(week, 7)) {
    const days = daysFrom(week, addDays(week, 6));
    const included = days.filter((day) => day >= from && day <= to);
    const excluded = days.filter((day) => day < from || day > to);
    const first = included[0];
    if (first === undefined) continue;
    let parts: TrendPart[];
    if (excluded.length === 0) {
      parts = [{ id: weekRollupId(week, scope), sign: 1 }];
    } else if (1 + excluded.length < included.length) {
      parts = [
        { id: weekRollupId(week, scope), sign: 1 },
        ...excluded.map((day) => ({ id: dayRollupId(day, scope), sign: -1 as const })),
      ];
    } else {
      parts = included.map((day) => ({ id: dayRollupId(day, scope), sign: 1 as const }));
    }
    points.push({ day: first, days: included.length, parts });
  }
  return { granularity, points };
}
