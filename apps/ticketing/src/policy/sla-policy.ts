import type { z } from 'zod';
import { slaPolicySchema, type SlaPolicy, type ValueAdjustment } from '@loyaldesk/contracts/policies';
import { ValidationError } from '@loyaldesk/platform/errors';

// The SLA policy's schema and limits are the contracts' (the console's policy form checks the same
// limits); here are the default, the parse that names the field, and the value rule.

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
