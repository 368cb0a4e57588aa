import { z } from 'zod';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { tierSchema } from '@loyaldesk/customer-profile/schemas';

/**
 * What produced a ticket's deadline, stored on the ticket so agents see why it is where it is and
 * so the deadline can be recomputed from it alone (see `deadlineFromBreakdown`).
 */
export const deadlineBreakdownSchema = z.object({
  tier: tierSchema,
  /** The tier's first-response minutes before any factor. */
  tierTargetMinutes: z.number().int().min(1),
  /** The customer's value percentile within the shop (0–100); null when the customer is unknown. */
  valuePercentile: z.number().min(0).max(100).nullable(),
  /** The value rule that applied ("top 5%": factor 0.5), if any. */
  valueAdjustment: z.object({ topPercent: z.number().gt(0).lt(100), factor: z.number().gt(0).max(1) }).nullable(),
  issueKind: issueKindSchema,
  issueKindFactor: z.number().gt(0),
  /** First-response target: the deadline is createdAt + this. */
  targetMinutes: z.number().int().min(1),
  /** The tier's resolution minutes before any factor. */
  tierResolutionMinutes: z.number().int().min(1),
  resolutionTargetMinutes: z.number().int().min(1),
});
export type DeadlineBreakdown = z.infer<typeof deadlineBreakdownSchema>;
