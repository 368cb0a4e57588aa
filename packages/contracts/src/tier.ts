import { z } from 'zod';

/**
 * A customer's loyalty tier, lowest first. Customer-profile computes it, ticketing ranks tickets
 * by it, the console shows and filters by it.
 */
export const tiers = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const tierSchema = z.enum(tiers);
export type Tier = z.infer<typeof tierSchema>;
