import { describe, expect, it } from 'vitest';
import { issueKinds } from './issue-kind.ts';
import { profilePolicySchema, slaPolicyLimits, slaPolicySchema, tierPolicyLimits } from './policies.ts';

const perTier = (bronze: number, silver: number, gold: number, platinum: number) => ({
  bronze,
  silver,
  gold,
  platinum,
});
const sla = {
  firstResponseMinutes: perTier(120, 60, 30, 15),
  resolutionMinutes: perTier(2000, 1000, 500, 250),
  valueAdjustments: [{ minPercentile: 90, factor: 0.6 }],
  issueKindFactors: Object.fromEntries(issueKinds.map((kind) => [kind, 1])),
};
const threshold = (minSpend: number, minOrders: number) => ({ minSpend, minOrders });
const tiers = {
  tierWindowDays: 180,
  thresholds: { silver: threshold(10_000, 2), gold: threshold(50_000, 4), platinum: threshold(200_000, 8) },
  expectedLifespanYears: 2,
};

function firstPath(result: { error?: { issues: Array<{ path: PropertyKey[] }> } }): string | undefined {
  return result.error?.issues[0]?.path.join('.');
}

describe('policy limits', () => {
  it('are the SLA policy schema’s bounds, at both ends', () => {
    const { min, max } = slaPolicyLimits.minutes;
    const withBronze = (minutes: number) => ({
      ...sla,
      resolutionMinutes: { ...sla.resolutionMinutes, bronze: minutes },
    });
    expect(slaPolicySchema.safeParse(withBronze(max)).success).toBe(true);
    expect(firstPath(slaPolicySchema.safeParse(withBronze(max + 1)))).toBe('resolutionMinutes.bronze');
    const platinum = { ...sla, firstResponseMinutes: { ...sla.firstResponseMinutes, platinum: min - 1 } };
    expect(firstPath(slaPolicySchema.safeParse(platinum))).toBe('firstResponseMinutes.platinum');
    const adjustment = (minPercentile: number) => ({ ...sla, valueAdjustments: [{ minPercentile, factor: 0.5 }] });
    expect(slaPolicySchema.safeParse(adjustment(slaPolicyLimits.minPercentile.min)).success).toBe(true);
    expect(firstPath(slaPolicySchema.safeParse(adjustment(0)))).toBe('valueAdjustments.0.minPercentile');
  });

  it('are the tier policy schema’s bounds, money up to the largest amount stored', () => {
    const platinumSpend = (minSpend: number) => ({
      ...tiers,
      thresholds: { ...tiers.thresholds, platinum: threshold(minSpend, 8) },
    });
    expect(profilePolicySchema.safeParse(platinumSpend(tierPolicyLimits.minSpend.max)).success).toBe(true);
    expect(firstPath(profilePolicySchema.safeParse(platinumSpend(tierPolicyLimits.minSpend.max + 1)))).toBe(
      'thresholds.platinum.minSpend',
    );
    const window = { ...tiers, tierWindowDays: tierPolicyLimits.tierWindowDays.min - 1 };
    expect(firstPath(profilePolicySchema.safeParse(window))).toBe('tierWindowDays');
  });
});
