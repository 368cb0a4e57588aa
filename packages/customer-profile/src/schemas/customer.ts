import { z } from 'zod';
import { currencySchema, dateSchema, emailSchema, moneySchema } from './common.ts';
import { orderStatusSchema, shipmentStatusSchema } from './order.ts';
import { customerTagsSchema, tierFloorSchema, tierSchema } from './policy.ts';

/** What one order contributes to its customer; the customer keeps one per order so re-delivery is a no-op. */
export const ledgerEntrySchema = z.object({
  orderId: z.string(),
  placedAt: dateSchema,
  status: orderStatusSchema,
  /** Net spend (0 when the order does not count as a purchase). */
  net: moneySchema,
  sourceUpdatedAt: dateSchema,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** The small copy of an order a support screen shows without reading the order itself. */
export const recentOrderSchema = z.object({
  orderId: z.string(),
  placedAt: dateSchema,
  status: orderStatusSchema,
  total: moneySchema,
  currency: currencySchema,
  itemCount: z.number().int(),
  shipments: z.array(
    z.object({
      carrier: z.string(),
      trackingNumber: z.string(),
      status: shipmentStatusSchema,
      estimatedDelivery: dateSchema.optional(),
    }),
  ),
  sourceUpdatedAt: dateSchema,
});
export type RecentOrder = z.infer<typeof recentOrderSchema>;

export const tierChangeSchema = z.object({
  tier: tierSchema,
  from: tierSchema.nullable(),
  at: dateSchema,
  reason: z.string(),
});
export type TierChange = z.infer<typeof tierChangeSchema>;

export const customerStatsSchema = z.object({
  /** Purchases (orders that are not pending, cancelled or refunded). */
  orderCount: z.number().int(),
  /** Historical LTV: total net spend. */
  totalSpent: moneySchema,
  averageOrderValue: moneySchema,
  firstOrderAt: dateSchema.optional(),
  lastOrderAt: dateSchema.optional(),
  /** Net spend and purchases in the tier window ending now. */
  windowSpent: moneySchema,
  windowOrders: z.number().int(),
});
export type CustomerStats = z.infer<typeof customerStatsSchema>;

export const customerValueSchema = z.object({
  historicalLtv: moneySchema,
  predictedLtv: moneySchema,
  /** Index into the shop's customer-value histogram (see rules/value.ts). */
  bucket: z.number().int().min(0),
});

/** How many survey source ids a customer keeps to recognise a redelivered survey (see `recordFeedback`). */
export const feedbackSourceLimit = 20;

/** The survey answers a customer can give (the chat survey's scales: CSAT 1–5, CES 1–7, NPS 0–10). */
export const feedbackAnswersSchema = z
  .object({
    csat: z.number().int().min(1).max(5).optional(),
    ces: z.number().int().min(1).max(7).optional(),
    nps: z.number().int().min(0).max(10).optional(),
  })
  .refine((answers) => Object.values(answers).some((value) => value !== undefined), { message: 'must hold at least one answer' });
export type FeedbackAnswers = z.infer<typeof feedbackAnswersSchema>;

/** One survey's input to `recordFeedback`. */
export const feedbackInputSchema = z.object({
  customerId: z.string().min(1).max(200),
  answers: feedbackAnswersSchema,
  answeredAt: dateSchema,
  /** What the answers are about, unique per survey (a chat conversation id): counted once. */
  sourceId: z.string().min(1).max(200),
});
export type FeedbackInput = z.input<typeof feedbackInputSchema>;

/** A score and when it was given. */
export const feedbackScoreSchema = z.object({ score: z.number().int().min(0).max(10), at: dateSchema });
export type FeedbackScore = z.infer<typeof feedbackScoreSchema>;

/**
 * The customer's survey feedback: the latest score per question and the number of surveys
 * answered. Bounded: it never grows with the number of surveys. Not derived from orders, so order
 * ingestion and `rebuildProfiles` leave it alone.
 */
export const customerFeedbackSchema = z.object({
  lastNps: feedbackScoreSchema.optional(),
  lastCsat: feedbackScoreSchema.optional(),
  lastCes: feedbackScoreSchema.optional(),
  /** Surveys answered, each counted once however often (and in whatever order) its answers arrive. */
  responses: z.number().int().min(0),
  /** The last {@link feedbackSourceLimit} surveys' source ids, oldest first: internal, for idempotence. */
  recentSources: z.array(z.string()).max(feedbackSourceLimit),
});
export type CustomerFeedback = z.infer<typeof customerFeedbackSchema>;

/** The feedback as the desk shows it (no source ids). */
export type CustomerFeedbackSummary = Omit<CustomerFeedback, 'recentSources'>;

/** A customer as stored. `ledger` is internal; services return {@link CustomerProfile}. */
export const customerSchema = z.object({
  id: z.string(),
  email: emailSchema,
  name: z.string().optional(),
  locale: z.string().optional(),
  /** The order the name/email/locale were last taken from (newest placed wins). */
  identityFrom: z.object({ orderId: z.string(), placedAt: dateSchema }),
  /** The customer's tags in the shop, from the newest delivery (by source time) that carried tags. */
  tags: customerTagsSchema.optional(),
  /** The tier the shop's tag setting gives those tags at least (see `tierFloorOf`); gone with the tag. */
  tierFloor: tierFloorSchema.optional(),
  /** The order delivery the tags were taken from, and its source time (when the floor counts from). */
  tagsFrom: z.object({ orderId: z.string(), at: dateSchema }).optional(),
  currency: currencySchema,
  stats: customerStatsSchema,
  tier: tierSchema,
  tierSince: dateSchema,
  tierReason: z.string(),
  tierHistory: z.array(tierChangeSchema).max(50),
  value: customerValueSchema,
  recentOrders: z.array(recentOrderSchema).max(5),
  ledger: z.array(ledgerEntrySchema),
  /** Absent until the customer's first survey answer (customers stored before it existed parse). */
  feedback: customerFeedbackSchema.optional(),
  version: z.number().int(),
  updatedAt: dateSchema,
});
export type Customer = z.infer<typeof customerSchema>;

/** A customer as the desk shows it: value percentile within the shop, no ledger, feedback without its source ids. */
export type CustomerProfile = Omit<Customer, 'ledger' | 'version' | 'identityFrom' | 'tagsFrom' | 'feedback'> & {
  value: Customer['value'] & { percentile: number };
  feedback?: CustomerFeedbackSummary;
};
