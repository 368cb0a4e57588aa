import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysFrom, weekStartOf } from '../rollups/rollup-keys.ts';
import { planTrend } from './trend-plan.ts';

/** The days each part of a plan stands for, counted with their signs. */
function coverage(points: ReturnType<typeof planTrend>['points']): Map<string, number> {
  const counted = new Map<string, number>();
  for (const point of points) {
    for (const { id, sign } of point.parts) {
      const [start = '', , kind] = id.split('|');
      const days = kind === 'week' ? daysFrom(start, addDays(start, 6)) : [start];
      for (const day of days) counted.set(day, (counted.get(day) ?? 0) + sign);
    }
  }
  return new Map([...counted].filter(([, count]) => count !== 0));
}

describe('planTrend', () => {
  it('charts a month by day, one day rollup each', () => {
    const plan = planTrend('2026-03-01', '2026-03-31', '*');
    expect(plan.granularity).toBe('day');
    expect(plan.points).toHaveLength(31);
    expect(plan.points[0]).toEqual({ day: '2026-03-01', days: 1, parts: [{ id: '2026-03-01|*', sign: 1 }] });
  });

  it('charts a longer period by week, reading edge weeks as days or as the week minus the days left out', () => {
    // 2026-01-01 is a Thursday: Jan 1–4 (4 days, 3 left out) is read as its 4 days; a period ending on a
    // Saturday leaves one day of its last week out: the week minus that day.
    const plan = planTrend('2026-01-01', '2026-02-07', 'gold');
    expect(plan.granularity).toBe('week');
    expect(plan.points.map((point) => [point.day, point.days])).toEqual([
      ['2026-01-01', 4],
      ['2026-01-05', 7],
      ['2026-01-12', 7],
      ['2026-01-19', 7],
      ['2026-01-26', 7],
      ['2026-02-02', 6],
    ]);
    expect(plan.points[0]?.parts.map((part) => part.id)).toEqual([
      '2026-01-01|gold',
      '2026-01-02|gold',
      '2026-01-03|gold',
      '2026-01-04|gold',
    ]);
    expect(plan.points[1]?.parts).toEqual([{ id: '2026-01-05|gold|week', sign: 1 }]);
    expect(plan.points[5]?.parts).toEqual([
      { id: '2026-02-02|gold|week', sign: 1 },
      { id: '2026-02-08|gold', sign: -1 },
    ]);
  });

  it('covers exactly the period’s days, once each, with at most 4 rollups per edge week (property)', () => {
    const day = fc.integer({ min: 0, max: 1500 }).map((offset) => addDays('2025-01-01', offset));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 365 }), (from, length) => {
        const to = addDays(from, length);
        const { points } = planTrend(from, to, '*');
        expect(coverage(points)).toEqual(new Map(daysFrom(from, to).map((d) => [d, 1])));
        expect(points.reduce((sum, point) => sum + point.days, 0)).toBe(length + 1);
        for (const point of points) expect(point.parts.length).toBeLessThanOrEqual(point.days === 7 ? 1 : 4);
        if (length + 1 > 31)
          expect(
            points.every((point) => weekStartOf(point.day) === weekStartOf(addDays(point.day, point.days - 1))),
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
