import { z } from 'zod';
import type { ProfilePolicy } from '@loyaldesk/contracts/policies';
import { tierSchema, tiers, type Tier } from '@loyaldesk/contracts/tier';

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

/** Most customer tags kept (Shopify allows 250 per customer, 255 characters each). */
export const customerTagLimit = 250;
/** A customer's tags as the shop set them: trimmed, at most {@link customerTagLimit}. */
export const customerTagsSchema = z.array(z.string().trim().min(1).max(255)).max(customerTagLimit);

/** A tier the customer holds at least because the shop tagged them (the tag as the shop wrote it). */
export const tierFloorSchema = z.object({ tier: tierSchema, tag: z.string() });
export type TierFloor = z.infer<typeof tierFloorSchema>;

/** The shop's tag → minimum tier setting, keys lower-cased (tags match case-insensitively). */
export type TierFloorTags = ReadonlyMap<string, Exclude<Tier, 'bronze'>>;

/**
 * The tag → minimum tier setting as text, e.g. "VIP=gold,Wholesale=silver": tags trimmed and
 * matched case-insensitively; empty text: no tag sets a floor.
 * @example tierFloorTagsSchema.parse('VIP=gold').get('vip') // 'gold'
 */
export const tierFloorTagsSchema = z
  .string()
  .default('')
  .transform((text, ctx): TierFloorTags => {
    const floors = new Map<string, Exclude<Tier, 'bronze'>>();
    for (const pair of text.split(',')) {
      if (pair.trim() === '') continue;
      const [tag = '', tier = '', ...rest] = pair.split('=').map((part) => part.trim());
      const parsedTier = z.enum(['silver', 'gold', 'platinum']).safeParse(tier.toLowerCase());
      if (tag === '' || tag.length > 255 || rest.length > 0 || !parsedTier.success) {
        ctx.addIssue({ code: 'custom', message: `"${pair.trim()}" must be TAG=tier with tier silver, gold or platinum (e.g. VIP=gold)` });
        return z.NEVER;
      }
      floors.set(tag.toLowerCase(), parsedTier.data);
    }
    return floors;
  });
