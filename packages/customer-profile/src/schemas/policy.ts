import type { ProfilePolicy } from '@loyaldesk/contracts/policies';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';

// The tiers and the tier policy's schema are the contracts' (the ticketing API and the console share them).

export {
  profilePolicySchema,
  tierPolicyLimits,
  type ProfilePolicy,
  type TierThreshold,
} from '@loyaldesk/contracts/policies';
export { tierSchema, tiers, type Tier } from '@loyaldesk/contracts/tier';

/** Rank of a tier: bronze 0 … platinum 3. */
export function tierRank(tier: Tier): number {
  return tiers.indexOf(tier);
}

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
