import { z } from 'zod';
import { deliveryProblemKindSchema, deliveryProblemKinds } from './delivery-problem.ts';
import { issueKindSchema } from './issue-kind.ts';
import { moneyLimits, moneySchema } from './money.ts';
import { tierSchema, tiers } from './tier.ts';
import { timestampSchema } from './timestamp.ts';

// The policies managers edit through the ticketing API (`/api/policy/sla`, `/api/policy/tiers`),
// with the bounds of each field: the server's schemas below and the console's form checks both
// take them from here.

/** Bounds of each SLA policy field. */
export const slaPolicyLimits = {
  /** First-response and resolution targets, in whole minutes: 1 minute to 90 days. */
  minutes: { min: 1, max: 60 * 24 * 90 },
  /** Value adjustments in one policy. */
  valueAdjustments: 10,
  /** A value adjustment's percentile, with at most one decimal ("top 0.5%" is as fine as explanations go). */
  minPercentile: { min: 0.1, max: 99.9 },
  /** A value adjustment's factor: value never lengthens a target. */
  valueFactor: { min: 0.05, max: 1 },
  /** An issue kind's factor: below 1 is more urgent. */
  issueKindFactor: { min: 0.05, max: 10 },
} as const;

const { minutes, minPercentile, valueFactor, issueKindFactor } = slaPolicyLimits;

const minutesSchema = z
  .number()
  .int('must be a whole number of minutes')
  .min(minutes.min, `must be at least ${minutes.min} minute`)
  .max(minutes.max, `must be at most ${minutes.max} minutes (90 days)`);

/** Minutes for each tier; every tier must be present. */
const minutesPerTierSchema = z.record(tierSchema, minutesSchema);

/** Customers at or above a value percentile get their targets multiplied by `factor` (< 1 shortens). */
export const valueAdjustmentSchema = z.object({
  /** 95 means "top 5% by value" (the customer's value percentile within the shop, 0–100). */
  minPercentile: z
    .number()
    .min(minPercentile.min, `must be at least ${minPercentile.min} (0 would apply to everyone)`)
    .max(minPercentile.max, `must be at most ${minPercentile.max}`)
    .refine((value) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9, 'must have at most one decimal'),
  factor: z
    .number()
    .min(valueFactor.min, `must be at least ${valueFactor.min}`)
    .max(valueFactor.max, `must be at most ${valueFactor.max}: value never lengthens a target`),
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
    valueAdjustments: z
      .array(valueAdjustmentSchema)
      .max(slaPolicyLimits.valueAdjustments, `must have at most ${slaPolicyLimits.valueAdjustments} entries`),
    /** Multiplies the targets by what the shopper needs; below 1 is more urgent. Every kind must be present. */
    issueKindFactors: z.record(
      issueKindSchema,
      z
        .number()
        .min(issueKindFactor.min, `must be at least ${issueKindFactor.min}`)
        .max(issueKindFactor.max, `must be at most ${issueKindFactor.max}`),
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

/** `GET /api/policy/sla`: the policy in force and who changed it last. */
export const slaPolicyResponseSchema = z.object({
  policy: slaPolicySchema,
  updatedAt: timestampSchema.nullable(),
  updatedBy: z.string().nullable(),
  /** The longest a ticket can be overtaken by newer ones (the fairness bound), in minutes. */
  largestTargetMinutes: z.number(),
});

/** `PUT /api/policy/sla`: as read, with how many open tickets moved. */
export const slaPolicyUpdateResponseSchema = slaPolicyResponseSchema.extend({ rerankedTickets: z.number().int() });

/** Bounds of each tier policy field (spend in minor units of the shop currency). */
export const tierPolicyLimits = {
  /** The trailing window tiers are qualified in, in days (365 = trailing 12 months). */
  tierWindowDays: { min: 30, max: 730 },
  minSpend: moneyLimits,
  minOrders: { min: 1, max: 10_000 },
  /** Expected customer lifespan for predicted LTV, in years. */
  expectedLifespanYears: { min: 0.25, max: 20 },
} as const;

const tierThresholdSchema = z.object({
  /** Net spend in the window (minor units) that qualifies… */
  minSpend: moneySchema,
  /** …or this many purchases in the window (either one qualifies). */
  minOrders: z.number().int().min(tierPolicyLimits.minOrders.min).max(tierPolicyLimits.minOrders.max),
});
export type TierThreshold = z.infer<typeof tierThresholdSchema>;

/**
 * The tier policy: how tiers and value are computed (customer-profile's profile policy); managers
 * edit it, so every field is validated. Bronze is everyone; each higher tier needs more spend and
 * at least as many orders.
 */
export const profilePolicySchema = z
  .object({
    /** Trailing window for tier qualification, in days (365 = trailing 12 months). */
    tierWindowDays: z.number().int().min(tierPolicyLimits.tierWindowDays.min).max(tierPolicyLimits.tierWindowDays.max),
    thresholds: z.object({ silver: tierThresholdSchema, gold: tierThresholdSchema, platinum: tierThresholdSchema }),
    /** Expected customer lifespan for predicted LTV, in years. */
    expectedLifespanYears: z
      .number()
      .min(tierPolicyLimits.expectedLifespanYears.min)
      .max(tierPolicyLimits.expectedLifespanYears.max),
  })
  .superRefine((policy, ctx) => {
    const order = ['silver', 'gold', 'platinum'] as const;
    for (let i = 1; i < order.length; i++) {
      const lower = policy.thresholds[order[i - 1] ?? 'silver'];
      const tier = order[i] ?? 'gold';
      const higher = policy.thresholds[tier];
      if (higher.minSpend <= lower.minSpend) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', tier, 'minSpend'],
          message: `must be more than ${order[i - 1]}'s`,
        });
      }
      if (higher.minOrders < lower.minOrders) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', tier, 'minOrders'],
          message: `must be at least ${order[i - 1]}'s`,
        });
      }
    }
  });
export type ProfilePolicy = z.infer<typeof profilePolicySchema>;

/** `GET /api/policy/tiers`: the tier policy and the shop currency its spend thresholds are in (minor units). */
export const tierPolicyResponseSchema = z.object({ policy: profilePolicySchema, currency: z.string() });

/** `PUT /api/policy/tiers`: as read, with how many open tickets moved. */
export const tierPolicyUpdateResponseSchema = tierPolicyResponseSchema.extend({ rerankedTickets: z.number().int() });

/** Bounds of the proactive notice policy. */
export const proactiveNoticePolicyLimits = {
  /** How much later than first promised an estimate must move to count, in hours: 1 hour to 30 days. */
  estimateSlipHours: { min: 1, max: 24 * 30 },
} as const;

const problemKindListSchema = z
  .array(deliveryProblemKindSchema)
  .max(deliveryProblemKinds.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, 'must not name a kind twice');

/** For one tier: which delivery problems tell the shopper (email, chat) and which open a proactive ticket. */
export const tierNoticeRuleSchema = z.object({ notify: problemKindListSchema, openTicket: problemKindListSchema });
export type TierNoticeRule = z.infer<typeof tierNoticeRuleSchema>;

/** The proactive notice policy managers edit (`/api/policy/proactive-notices`). */
export const proactiveNoticePolicySchema = z.object({
  estimateSlipHours: z
    .number()
    .int('must be a whole number of hours')
    .min(proactiveNoticePolicyLimits.estimateSlipHours.min, 'must be at least 1 hour')
    .max(proactiveNoticePolicyLimits.estimateSlipHours.max, 'must be at most 720 hours (30 days)'),
  /** Every tier must be present. */
  tiers: z.record(tierSchema, tierNoticeRuleSchema),
});
export type ProactiveNoticePolicy = z.infer<typeof proactiveNoticePolicySchema>;

/** `GET`/`PUT /api/policy/proactive-notices`: the policy in force and who changed it last. */
export const proactiveNoticePolicyResponseSchema = z.object({
  policy: proactiveNoticePolicySchema,
  updatedAt: timestampSchema.nullable(),
  updatedBy: z.string().nullable(),
});
