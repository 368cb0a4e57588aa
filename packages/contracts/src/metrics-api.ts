import { z } from 'zod';
import { tierSchema } from './tier.ts';
import { timestampSchema } from './timestamp.ts';

// The ticketing API's manager dashboard (`GET /api/metrics`): the query and the answer. Rates are
// percentages (0–100, one decimal), times in seconds, money in minor units; null where there is
// nothing to divide by.

/** A UTC calendar day, "YYYY-MM-DD": what periods are given in and rollups keyed by. */
export const daySchema = z.iso.date('must be a day as YYYY-MM-DD');
export type Day = string;

/** The longest period a dashboard covers, in days (its cost is one rollup read per day). */
export const maxDashboardDays = 366;

/** Days from `from` to `to`, both included (0 or less when `to` is before `from`). */
function periodDays(from: Day, to: Day): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/** A manager's dashboard query: a period of UTC days, both included, optionally one tier. */
export const dashboardQuerySchema = z
  .object({
    from: daySchema,
    to: daySchema,
    tier: tierSchema.optional(),
  })
  .superRefine((query, ctx) => {
    const days = periodDays(query.from, query.to);
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (days > maxDashboardDays) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${maxDashboardDays} days before to` });
    }
  });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

/** Backlog age by the UTC day a ticket was created, relative to today. */
export const backlogAges = ['today', 'yesterday', 'days2to6', 'days7to29', 'days30plus'] as const;
export type BacklogAge = (typeof backlogAges)[number];

/** Periods up to 31 days are charted by day, longer ones by week. */
export const trendGranularities = ['day', 'week'] as const;
export type TrendGranularity = (typeof trendGranularities)[number];

/** Whether the cached retention report is current, being recomputed after it aged, or not there yet. */
export const retentionStatuses = ['ready', 'stale', 'computing'] as const;
export type RetentionStatus = (typeof retentionStatuses)[number];

const rate = z.number().nullable();

/** Median and p90 (seconds) read from a merged histogram, within one bucket (±9%); null when empty. */
export const latencySummarySchema = z.object({
  count: z.number().int(),
  median: z.number().nullable(),
  p90: z.number().nullable(),
  /** Mean of whole seconds; shown beside the median, never instead of it. */
  mean: z.number().nullable(),
});
export type LatencySummary = z.infer<typeof latencySummarySchema>;

/** Met and breached, and the met share in percent. */
export const complianceSchema = z.object({ met: z.number().int(), breached: z.number().int(), rate });
export type Compliance = z.infer<typeof complianceSchema>;

export const backlogByAgeSchema = z.object({
  total: z.number().int(),
  byAge: z.object({
    today: z.number().int(),
    yesterday: z.number().int(),
    days2to6: z.number().int(),
    days7to29: z.number().int(),
    days30plus: z.number().int(),
  }) satisfies z.ZodType<Record<BacklogAge, number>>,
});
export type BacklogByAge = z.infer<typeof backlogByAgeSchema>;

export const agentRowSchema = z.object({
  agentId: z.string(),
  ticketsAssigned: z.number().int(),
  ticketsResolved: z.number().int(),
  /** Open, assigned or pending tickets assigned to the agent right now. */
  openTickets: z.number().int(),
  firstResponseTime: latencySummarySchema,
  resolutionTime: latencySummarySchema,
  slaCompliance: complianceSchema,
  csatScore: rate,
});
export type AgentRow = z.infer<typeof agentRowSchema>;

/** One point of a trend: a day, or a week (Monday to Sunday, cut to the period at its edges). */
export const trendPointSchema = z.object({
  /** The first day the point covers. */
  day: daySchema,
  /** How many days it covers: 1 by day; up to 7 by week. */
  days: z.number().int(),
  ticketsCreated: z.number().int(),
  ticketsResolved: z.number().int(),
  firstResponseTime: latencySummarySchema.pick({ median: true, p90: true }),
  resolutionTime: latencySummarySchema.pick({ median: true, p90: true }),
  slaCompliance: rate,
  csatScore: rate,
});
export type TrendPoint = z.infer<typeof trendPointSchema>;

/** Customer-profile's retention metrics over a period (see its `retentionReport`). */
export const retentionReportSchema = z.object({
  period: z.object({ start: z.string(), end: z.string() }),
  /** A customer counts as "a customer" at an instant when they bought within this many days before it. */
  activeWindowDays: z.number(),
  customersAtStart: z.number(),
  customersAtEnd: z.number(),
  newCustomers: z.number(),
  lostCustomers: z.number(),
  buyers: z.number(),
  repeatBuyers: z.number(),
  orders: z.number(),
  revenue: z.number(),
  customerRetentionRate: rate,
  churnRate: rate,
  repeatPurchaseRate: rate,
  purchaseFrequency: rate,
  averageOrderValue: rate,
  /** Mean historical LTV (net spend up to the end) of everyone who had bought by the end. */
  averageLifetimeValue: rate,
});
export type RetentionReport = z.infer<typeof retentionReportSchema>;

const repurchaseSchema = z.object({ tickets: z.number().int(), repurchased: z.number().int(), rate });
/** Delayed shoppers (one per delivery problem) and those who bought again within the window; rate in percent. */
const delayedShoppersSchema = z.object({ shoppers: z.number().int(), repurchased: z.number().int(), rate });

/** `GET /api/metrics`: the manager dashboard of a period. */
export const dashboardSchema = z.object({
  period: z.object({ from: daySchema, to: daySchema, days: z.number().int(), tier: tierSchema.nullable() }),
  ticketsCreated: z.number().int(),
  ticketsResolved: z.number().int(),
  firstResponseTime: latencySummarySchema,
  resolutionTime: latencySummarySchema,
  slaCompliance: z.object({
    /** Whole tickets: every deadline met (decided at resolution) vs any missed (decided at the miss). */
    overall: complianceSchema,
    firstResponse: complianceSchema,
    resolution: complianceSchema,
    byTier: z.partialRecord(tierSchema, complianceSchema),
    byAgent: z.record(z.string(), complianceSchema),
  }),
  /** Share of ratings that are 4 or 5, with the response rate (rated / resolved). */
  csatScore: z.object({
    score: rate,
    responses: z.number().int(),
    positive: z.number().int(),
    average: rate,
    responseRate: rate,
  }),
  customerEffortScore: z.object({ average: rate, responses: z.number().int() }),
  /** Promoters (9–10) minus detractors (0–6), in percent of responses: −100 … 100. */
  netPromoterScore: z.object({
    score: rate,
    responses: z.number().int(),
    promoters: z.number().int(),
    detractors: z.number().int(),
  }),
  reopenRate: z.object({ rate, reopened: z.number().int(), resolved: z.number().int() }),
  /** Open tickets right now (whatever the period), by age and tier. */
  backlog: backlogByAgeSchema.extend({
    asOf: timestampSchema,
    byTier: z.partialRecord(tierSchema, backlogByAgeSchema),
  }),
  agents: z.array(agentRowSchema),
  /** Chats closed without a handoff, in percent of chats closed; null for a tier (chats have none). */
  botContainmentRate: z.object({ rate, conversationsClosed: z.number().int(), containedByBot: z.number().int() }),
  /** Surveys of chats the bot closed without a human (counted on the closing day): share of 4–5 ratings, and CES. */
  botCsatScore: z.object({ score: rate, responses: z.number().int(), positive: z.number().int(), average: rate }),
  botEffortScore: z.object({ average: rate, responses: z.number().int() }),
  handoffRate: z.object({ rate, handedOff: z.number().int(), conversationsClosed: z.number().int() }),
  /** By day for periods up to 31 days, by week beyond. */
  trendGranularity: z.enum(trendGranularities),
  trends: z.array(trendPointSchema),
  retention: z.object({
    status: z.enum(retentionStatuses),
    computedAt: timestampSchema.nullable(),
    customerRetentionRate: rate,
    repeatPurchaseRate: rate,
    churnRate: rate,
    /** Mean historical LTV in minor units (cents). */
    averageLifetimeValue: rate,
    report: retentionReportSchema.nullable(),
  }),
  /** Of resolved tickets of known customers, the share followed by a purchase within 90 days, by SLA outcome. */
  repeatPurchaseAfterTicket: z.object({
    windowDays: z.number().int(),
    slaMet: repurchaseSchema,
    slaBreached: repurchaseSchema,
    /** False while the 90 days after the period's last day have not all passed: rates can still rise. */
    complete: z.boolean(),
  }),
  /**
   * Proactive delivery notices (a parcel delayed, lost…): notices sent and proactive tickets opened
   * in the period, and repurchase within 90 days of delayed shoppers who were notified (counted from
   * the notice) against those the shop's policy did not notify (counted from the problem).
   */
  deliveryNotices: z.object({
    noticesSent: z.number().int(),
    proactiveTicketsOpened: z.number().int(),
    windowDays: z.number().int(),
    notified: delayedShoppersSchema,
    notNotified: delayedShoppersSchema,
    /** False while the 90 days after the period's last day have not all passed. */
    complete: z.boolean(),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
