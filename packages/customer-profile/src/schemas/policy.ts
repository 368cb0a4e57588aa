import { z } from 'zod';
import { moneySchema } from './common.ts';

export const tiers = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const tierSchema = z.enum(tiers);
export type Tier = z.infer<typeof tierSchema>;

/** Rank of a tier: bronze 0 … platinum 3. */
export function tierRank(tier: Tier): number {
  return tiers.indexOf(tier);
}

const tierThresholdSchema = z.object({
  /** Net spend in the window (minor units) that qualifies… */
  minSpend: moneySchema,
  /** …or this many purchases in the window (either one qualifies). */
  minOrders: z.number().int().min(1).max(10_000),
});
export type TierThreshold = z.infer<typeof tierThresholdSchema>;

/** How tiers and value are computed; managers edit it, so every field is validated. */
export const profilePolicySchema = z
  .object({
    /** Trailing window for tier qualification, in days (365 = trailing 12 months). */
    tierWindowDays: z.number().int().min(30).max(730),
    thresholds: z.object({ silver: tierThresholdSchema, gold: tierThresholdSchema, platinum: tierThresholdSchema }),
    /** Expected customer lifespan for predicted LTV, in years. */
    expectedLifespanYears: z.number().min(0.25).max(20),
  })
  .superRefine((policy, ctx) => {
    const order = ['silver', 'gold', 'platinum'] as const;
    for (let i = 1; i < order.length; i++) {
      const lower = policy.thresholds[order[i - 1] ?? 'silver'];
      const tier = order[i] ?? 'gold';
      const higher = policy.thresholds[tier];
      if (higher.minSpend <= lower.minSpend) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', tier, 'minSpend'], message: `must be more than ${order[i - 1]}'s` });
      }
      if (higher.minOrders < lower.minOrders) {
        ctx.addIssue({ code: 'custom', path: ['thresholds', tier, 'minOrders'], message: `must be at least ${order[i - 1]}'s` });
      }
    }
  });
export type ProfilePolicy = z.infer<typeof profilePolicySchema>;

/** Bronze for everyone; silver from $250 or 3 orders a year; gold $1,000 or 6; platinum $3,000 or 12. */
export const defaultProfilePolicy: ProfilePolicy = {
  tierWindowDays: 365,
  thresholds: {
    silver: { minSpend: 25_000, minOrders: 3 },
    gold: { minSpend: 100_000, minOrders: 6 },
    platinum: { minSpend: 300_000, minOrders: 12 },
  },
  expectedLifespanYears: 3,
};
