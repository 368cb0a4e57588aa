import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysFrom, daysOfMonth } from '../rollups/rollup-keys.ts';
import { planBreakdown } from './breakdown-plan.ts';

/** How many times each day is counted by a plan. */
function coverage(parts: ReturnType<typeof planBreakdown>): Map<string, number> {
  const counted = new Map<string, number>();
  for (const { span, sign } of parts) {
    for (const day of span.length === 7 ? daysOfMonth(span) : [span]) counted.set(day, (counted.get(day) ?? 0) + sign);
  }
  return new Map([...counted].filter(([, count]) => count !== 0));
}

describe('planBreakdown', () => {
  it('reads a whole quarter as three months', () => {
    expect(planBreakdown('2026-01-01', '2026-03-31')).toEqual([
      { span: '2026-01', sign: 1 },
      { span: '2026-02', sign: 1 },
      { span: '2026-03', sign: 1 },
    ]);
  });

  it('takes the left-out days away from a nearly whole month, and adds the days of a barely begun one', () => {
    expect(planBreakdown('2026-03-03', '2026-04-01')).toEqual([
      { span: '2026-03', sign: 1 },
      { span: '2026-03-01', sign: -1 },
      { span: '2026-03-02', sign: -1 },
      { span: '2026-04-01', sign: 1 },
    ]);
    expect(planBreakdown('2026-02-10', '2026-02-11')).toEqual([
      { span: '2026-02-10', sign: 1 },
      { span: '2026-02-11', sign: 1 },
    ]);
  });

  it('counts every day of any period exactly once and nothing else, with few rollups', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 365 }), (offset, length) => {
        const from = addDays('2024-01-01', offset);
        const to = addDays(from, length);
        const parts = planBreakdown(from, to);
        expect(coverage(parts)).toEqual(new Map(daysFrom(from, to).map((day) => [day, 1])));
        // Per month at most half of it plus one; whole months cost one.
        expect(parts.length).toBeLessThanOrEqual(2 * 16 + Math.ceil((length + 1) / 28));
      }),
    );
  });
});
