import { tiers, type Tier } from '@loyaldesk/contracts/tier';
import { addDays, daysOfMonth, monthOf, type Day, type Month } from '../rollups/rollup-keys.ts';
import {
  emptySection,
  isEmptySection,
  mergeSectionInto,
  type Rollup,
  type RollupSection,
} from '../rollups/rollup-section.ts';

/** One breakdown rollup to read and whether to add it or take it away. */
export interface BreakdownPart {
  span: Day | Month;
  sign: 1 | -1;
}

/**
 * The breakdown rollups whose signed sum is exactly the days from `from` to `to` (both
 * included): each whole month as itself; a partial month as its days, or as the month minus the
 * days it leaves out when that reads fewer rollups. Rollups add and subtract exactly (whole
 * numbers), so the result equals the sum of the days. A 90-day period reads 3–10 rollups typically,
 * at most about 33 (two months cut near their middle).
 * @example planBreakdown('2026-03-03', '2026-04-01') // [+2026-03, −2026-03-01, −2026-03-02, +2026-04-01]
 */
export function planBreakdown(from: Day, to: Day): BreakdownPart[] {
  const parts: BreakdownPart[] = [];
  if (from > to) return parts;
  let month: Month = monthOf(from);
  for (;;) {
    const days = daysOfMonth(month);
    const included = days.filter((day) => day >= from && day <= to);
    const excluded = days.filter((day) => day < from || day > to);
    if (excluded.length === 0) {
      parts.push({ span: month, sign: 1 });
    } else if (1 + excluded.length < included.length) {
      parts.push({ span: month, sign: 1 }, ...excluded.map((day) => ({ span: day, sign: -1 as const })));
    } else {
      parts.push(...included.map((day) => ({ span: day, sign: 1 as const })));
    }
    const last = days[days.length - 1];
    if (last === undefined || last >= to) break;
    month = monthOf(addDays(last, 1));
  }
  return parts;
}

/** A period's breakdown: sections per tier (in the `*` scope) and per agent. */
export interface Breakdown {
  tiers: Partial<Record<Tier, RollupSection>>;
  agents: Record<string, RollupSection>;
}

/** The signed sum of the planned breakdown rollups; sections that come to nothing are dropped. */
export function sumBreakdown(parts: ReadonlyArray<{ rollup: Rollup; sign: 1 | -1 }>): Breakdown {
  const tierSections: Partial<Record<Tier, RollupSection>> = {};
  const agents: Record<string, RollupSection> = {};
  for (const { rollup, sign } of parts) {
    for (const tier of tiers) {
      const section = rollup.tiers[tier];
      if (section) mergeSectionInto((tierSections[tier] ??= emptySection()), section, sign);
    }
    for (const [agentId, section] of Object.entries(rollup.agents)) {
      mergeSectionInto((agents[agentId] ??= emptySection()), section, sign);
    }
  }
  const breakdown: Breakdown = { tiers: {}, agents: {} };
  for (const tier of tiers) {
    const section = tierSections[tier];
    if (section && !isEmptySection(section)) breakdown.tiers[tier] = section;
  }
  for (const [agentId, section] of Object.entries(agents)) {
    if (!isEmptySection(section)) breakdown.agents[agentId] = section;
  }
  return breakdown;
}
