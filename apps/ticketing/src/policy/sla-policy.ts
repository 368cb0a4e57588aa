import { z } from 'zod';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { tierSchema, tiers } from '@loyaldesk/customer-profile/schemas';
import { ValidationError } from '@loyaldesk/platform/errors';

const maxMinutes = 60 * 24 * 90;

const minutesSchema = z
  .number()
  .int('must be a whole number of minutes')
  .min(1, 'must be at least 1 minute')
  .max(maxMinutes, `must be at most ${maxMinutes} minutes (90 days)`);

/** Minutes for each tier; every tier must be present. */
const minutesPerTierSchema = z.record(tierSchema, minutesSchema);

/** Customers at or above a value percentile get their targets multiplied by `factor` (< 1 shortens). */
export const valueAdjustmentSchema = z.object({
  /** 95 means "top 5% by value" (the customer's value percentile within the shop, 0–100). */
  minPercentile: z
    .number()
    .gt(0, 'must be above 0 (0 would apply to everyone)')
    .lt(100, 'must be below 100')
    // "top 0.5%" is as fine as explanations go.
    .refine((value) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9, 'must have at most one decimal'),
  factor: z.number().min(0.05, 'must be at least 0.05').max(1, 'must be at most 1: value never lengthens a target'),
});
export type ValueAdjustment = z.infer<typeof valueAdjustmentSchema>;

/**
 * The SLA and ranking policy managers edit. A ticket's targets are
 * `tier minutes × value factor × issue-kind factor`, rounded to whole minutes; the first-response
 * target is also the ticket's place in the queue (its virtual deadline).
 */
export const slaPolicySchema = z
  .object({
    /** First-response target per tier, in minutes; drives the queue order. */
    firstResponseMinutes: minutesPerTierSchema,
    /** Resolution target per tier, in minutes; the same value and issue factors apply. */
    resolutionMinutes: minutesPerTierSchema,
    /** At most one applies: the one with the highest `minPercentile` the customer reaches. */
    valueAdjustments: z.array(valueAdjustmentSchema).max(10, 'must have at most 10 entries'),
    /** Multiplies the targets by what the shopper needs; below 1 is more urgent. Every kind must be present. */
    issueKindFactors: z.record(
      issueKindSchema,
      z.number().min(0.05, 'must be at least 0.05').max(10, 'must be at most 10'),
    ),
  })
  .superRefine((policy, ctx) => {
    // Higher tiers get shorter (or equal) targets; otherwise "loyalty first" would be inverted.
    for (const key of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
      for (let i = 1; i < tiers.length; i++) {
        const lower = tiers[i - 1];
        const higher = tiers[i];
        if (lower === undefined || higher === undefined) continue;
        if (policy[key][higher] > policy[key][lower]) {
          ctx.addIssue({
            code: 'custom',
            path: [key, higher],
            message: `must not be longer than ${lower}'s (${policy[key][lower]})`,
          });
        }
      }
    }
    for (const tier of tiers) {
      if (policy.resolutionMinutes[tier] < policy.firstResponseMinutes[tier]) {
        ctx.addIssue({
          code: 'custom',
          path: ['resolutionMinutes', tier],
          message: `must not be shorter than the first-response target (${policy.firstResponseMinutes[tier]})`,
        });
      }
    }
    const seen = new Set<number>();
    policy.valueAdjustments.forEach((adjustment, index) => {
      if (seen.has(adjustment.minPercentile)) {
        ctx.addIssue({
          code: 'custom',
          path: ['valueAdjustments', index, 'minPercentile'],
          message: 'must be different from the other entries',
        });
      }
      seen.add(adjustment.minPercentile);
      // A more valuable customer never waits longer than a less valuable one.
      for (const other of policy.valueAdjustments) {
        if (other.minPercentile < adjustment.minPercentile && other.factor < adjustment.factor) {
          ctx.addIssue({
            code: 'custom',
            path: ['valueAdjustments', index, 'factor'],
            message: `must not be larger than the factor for a lower percentile (${other.minPercentile}: ${other.factor})`,
          });
          break;
        }
      }
    });
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

/**
 * Chat handoffs: a shopper is waiting, so first responses are in minutes. Gold, top 5% value, a
 * missing parcel: 40 × 0.5 × 0.5 = 10 min. The slowest case (bronze, general question) is
 * 180 × 1.5 = 270 min, which is also the longest a ticket can be overtaken by newer ones.
 */
export const defaultSlaPolicy: SlaPolicy = {
  firstResponseMinutes: { bronze: 180, silver: 90, gold: 40, platinum: 20 },
  resolutionMinutes: { bronze: 2880, silver: 1440, gold: 720, platinum: 480 },
  valueAdjustments: [
    { minPercentile: 95, factor: 0.5 },
    { minPercentile: 80, factor: 0.75 },
  ],
  issueKindFactors: {
    order_missing: 0.5,
    order_damaged: 0.6,
    wrong_item: 0.7,
    order_delayed: 0.75,
    payment: 0.8,
    refund: 0.9,
    return: 1,
    shipping_question: 1.2,
    product_question: 1.5,
    account: 1.2,
    general: 1.5,
  },
};

/** The dotted path of the field an issue is about; an unknown key is named itself, not its parent. */
function issuePath(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1 && issue.keys[0] !== undefined)
    path.push(issue.keys[0]);
  return path.join('.');
}

/**
 * Parses a policy from outside (a manager's edit, a stored document); throws a ValidationError
 * whose `field` is the dotted path of the first bad field and whose message names every one.
 * @example parseSlaPolicy({ ...defaultSlaPolicy, firstResponseMinutes: { ...defaultSlaPolicy.firstResponseMinutes, gold: 0 } })
 * // ValidationError: Invalid SLA policy: firstResponseMinutes.gold: must be at least 1 minute
 */
export function parseSlaPolicy(input: unknown): SlaPolicy {
  const result = slaPolicySchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issuePath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const first = result.error.issues[0];
  const field = (first && issuePath(first)) || undefined;
  throw new ValidationError(`Invalid SLA policy: ${problems.join('; ')}`, field, result.error);
}

/** The value adjustment that applies at `percentile`: the highest threshold it reaches, or none. */
export function valueAdjustmentFor(policy: SlaPolicy, percentile: number | null): ValueAdjustment | null {
  if (percentile === null) return null;
  let best: ValueAdjustment | null = null;
  for (const adjustment of policy.valueAdjustments) {
    if (percentile >= adjustment.minPercentile && (best === null || adjustment.minPercentile > best.minPercentile)) {
      best = adjustment;
    }
  }
  return best;
}
