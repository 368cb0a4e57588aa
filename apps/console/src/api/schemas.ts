// What the console reads from the ticketing API, parsed at the edge. Apps never import each other,
// so these mirror the shapes documented in /api/openapi.json (only the fields the screens use).
import { z } from 'zod';
import { issueKinds } from '@loyaldesk/contracts/issue-kind';
import { languages } from '@loyaldesk/contracts/language';

export const tiers = ['bronze', 'silver', 'gold', 'platinum'] as const;
export const tierSchema = z.enum(tiers);
export type Tier = z.infer<typeof tierSchema>;

export { issueKinds, languages };
export const issueKindSchema = z.enum(issueKinds);
export type IssueKind = z.infer<typeof issueKindSchema>;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

export const ticketStatuses = ['open', 'assigned', 'pending', 'resolved', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const agentRoles = ['agent', 'manager', 'admin'] as const;
export type AgentRole = (typeof agentRoles)[number];

export const signedInAgentSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(agentRoles),
  languages: z.array(z.string()).default([]),
});
export type SignedInAgent = z.infer<typeof signedInAgentSchema>;
export const meResponseSchema = z.object({ agent: signedInAgentSchema });

/** The small copy of a ticket that the queue shows (ticketing's ticket summary). */
export const ticketSummarySchema = z.object({
  id: z.string(),
  status: ticketStatusSchema,
  subject: z.string(),
  channel: z.string(),
  customerId: z.string().nullable(),
  /** The customer's name or email (null: a guest, or a ticket indexed before names were kept). */
  customerName: z.string().nullable().default(null),
  tier: tierSchema,
  valuePercentile: z.number().nullable(),
  language: languageSchema,
  skill: z.string(),
  issueKind: issueKindSchema,
  createdAt: z.string(),
  deadline: z.string(),
  resolutionDeadline: z.string(),
  explanation: z.string(),
  assigneeId: z.string().nullable(),
  breached: z.boolean(),
  messageCount: z.number(),
  reopenCount: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;
export const ticketListSchema = z.object({ items: z.array(ticketSummarySchema), nextCursor: z.string().nullable() });
export type TicketList = z.infer<typeof ticketListSchema>;

export const messageSchema = z.object({
  id: z.string(),
  author: z.object({ kind: z.enum(['customer', 'agent', 'bot', 'system']), id: z.string().optional(), name: z.string().optional() }),
  visibility: z.enum(['public', 'internal']),
  body: z.string(),
  at: z.string(),
});
export type TicketMessage = z.infer<typeof messageSchema>;

export const breakdownSchema = z.object({
  tier: tierSchema,
  tierTargetMinutes: z.number(),
  valuePercentile: z.number().nullable(),
  valueAdjustment: z.object({ topPercent: z.number(), factor: z.number() }).nullable(),
  issueKind: issueKindSchema,
  issueKindFactor: z.number(),
  targetMinutes: z.number(),
  tierResolutionMinutes: z.number(),
  resolutionTargetMinutes: z.number(),
});
export type DeadlineBreakdown = z.infer<typeof breakdownSchema>;

export const ticketSchema = z.object({
  id: z.string(),
  status: ticketStatusSchema,
  customerId: z.string().nullable(),
  language: languageSchema,
  skill: z.string(),
  issueKind: issueKindSchema,
  createdAt: z.string(),
  deadline: z.string(),
  resolutionDeadline: z.string(),
  breakdown: breakdownSchema,
  explanation: z.string(),
  assigneeId: z.string().nullable(),
  channel: z.string(),
  conversationId: z.string().nullable(),
  subject: z.string(),
  requester: z.object({ email: z.string(), name: z.string().optional() }).nullable(),
  orderNumber: z.string().nullable(),
  messages: z.array(messageSchema),
  firstRepliedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  reopenCount: z.number(),
  slaBreaches: z.object({ firstResponse: z.string().nullable(), resolution: z.string().nullable() }),
  survey: z
    .object({ csat: z.number().optional(), ces: z.number().optional(), nps: z.number().optional(), answeredAt: z.string() })
    .nullable(),
  version: z.number(),
});
export type Ticket = z.infer<typeof ticketSchema>;
export const ticketResponseSchema = z.object({ ticket: ticketSchema });
export const claimNextResponseSchema = z.object({ ticket: ticketSchema.nullable() });

const shipmentStatusSchema = z.string();
export const customer360Schema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().optional(),
  currency: z.string(),
  tier: tierSchema,
  tierSince: z.string().optional(),
  tierReason: z.string().optional(),
  stats: z.object({
    orderCount: z.number(),
    totalSpent: z.number(),
    averageOrderValue: z.number(),
    lastOrderAt: z.string().optional(),
    windowSpent: z.number(),
    windowOrders: z.number(),
  }),
  value: z.object({ historicalLtv: z.number(), predictedLtv: z.number(), percentile: z.number() }),
  recentOrders: z.array(
    z.object({
      orderId: z.string(),
      placedAt: z.string(),
      status: z.string(),
      total: z.number(),
      currency: z.string(),
      itemCount: z.number(),
      shipments: z.array(
        z.object({
          carrier: z.string(),
          trackingNumber: z.string(),
          status: shipmentStatusSchema,
          estimatedDelivery: z.string().optional(),
        }),
      ),
    }),
  ),
});
export type Customer360 = z.infer<typeof customer360Schema>;

export const orderDetailSchema = z.object({
  number: z.string(),
  status: z.string(),
  placedAt: z.string(),
  currency: z.string(),
  totals: z.object({ total: z.number() }).partial().optional(),
  shipments: z.array(
    z.object({
      id: z.string(),
      carrier: z.string(),
      trackingNumber: z.string(),
      status: shipmentStatusSchema,
      estimatedDelivery: z.string().optional(),
      deliveredAt: z.string().optional(),
      events: z.array(z.object({ at: z.string(), status: z.string(), location: z.string().optional(), description: z.string() })).default([]),
    }),
  ),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  customer: z.unknown().nullable(),
  order: z.unknown().nullable(),
  placeInLine: z.object({ position: z.number(), expectedWaitMs: z.number().nullable() }).nullable(),
});

/** The detail view's data: customer and order parsed leniently (a shape we cannot read shows as unknown). */
export interface TicketDetail {
  ticket: Ticket;
  customer: Customer360 | null;
  order: OrderDetail | null;
  placeInLine: { position: number; expectedWaitMs: number | null } | null;
}

export const agentListSchema = z.object({
  agents: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.enum(agentRoles) }).loose()),
});

// ---- metrics (GET /api/metrics) ----
const latencySchema = z.object({ count: z.number(), median: z.number().nullable(), p90: z.number().nullable(), mean: z.number().nullable() });
const complianceSchema = z.object({ met: z.number(), breached: z.number(), rate: z.number().nullable() });
export type Compliance = z.infer<typeof complianceSchema>;
const backlogByAgeSchema = z.object({
  total: z.number(),
  byAge: z.object({ today: z.number(), yesterday: z.number(), days2to6: z.number(), days7to29: z.number(), days30plus: z.number() }),
});
export const backlogAges = ['today', 'yesterday', 'days2to6', 'days7to29', 'days30plus'] as const;
export type BacklogAge = (typeof backlogAges)[number];
const rateSchema = z.object({ tickets: z.number(), repurchased: z.number(), rate: z.number().nullable() });

export const dashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), days: z.number(), tier: tierSchema.nullable() }),
  ticketsCreated: z.number(),
  ticketsResolved: z.number(),
  firstResponseTime: latencySchema,
  resolutionTime: latencySchema,
  slaCompliance: z.object({
    overall: complianceSchema,
    firstResponse: complianceSchema,
    resolution: complianceSchema,
    byTier: z.partialRecord(tierSchema, complianceSchema),
    byAgent: z.record(z.string(), complianceSchema),
  }),
  csatScore: z.object({
    score: z.number().nullable(),
    responses: z.number(),
    positive: z.number(),
    average: z.number().nullable(),
    responseRate: z.number().nullable(),
  }),
  customerEffortScore: z.object({ average: z.number().nullable(), responses: z.number() }),
  netPromoterScore: z.object({ score: z.number().nullable(), responses: z.number(), promoters: z.number(), detractors: z.number() }),
  reopenRate: z.object({ rate: z.number().nullable(), reopened: z.number(), resolved: z.number() }),
  backlog: backlogByAgeSchema.extend({ asOf: z.string(), byTier: z.partialRecord(tierSchema, backlogByAgeSchema) }),
  agents: z.array(
    z.object({
      agentId: z.string(),
      ticketsAssigned: z.number(),
      ticketsResolved: z.number(),
      openTickets: z.number(),
      firstResponseTime: latencySchema,
      resolutionTime: latencySchema,
      slaCompliance: complianceSchema,
      csatScore: z.number().nullable(),
    }),
  ),
  botContainmentRate: z.object({ rate: z.number().nullable(), conversationsClosed: z.number(), containedByBot: z.number() }),
  /** Surveys of chats the bot closed alone (absent from an older ticketing: none). */
  botCsatScore: z
    .object({ score: z.number().nullable(), responses: z.number(), positive: z.number(), average: z.number().nullable() })
    .default({ score: null, responses: 0, positive: 0, average: null }),
  botEffortScore: z.object({ average: z.number().nullable(), responses: z.number() }).default({ average: null, responses: 0 }),
  handoffRate: z.object({ rate: z.number().nullable(), handedOff: z.number(), conversationsClosed: z.number() }),
  trendGranularity: z.enum(['day', 'week']),
  trends: z.array(
    z.object({
      day: z.string(),
      days: z.number(),
      ticketsCreated: z.number(),
      ticketsResolved: z.number(),
      firstResponseTime: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
      resolutionTime: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
      slaCompliance: z.number().nullable(),
      csatScore: z.number().nullable(),
    }),
  ),
  retention: z.object({
    status: z.enum(['ready', 'stale', 'computing']),
    computedAt: z.string().nullable(),
    customerRetentionRate: z.number().nullable(),
    repeatPurchaseRate: z.number().nullable(),
    churnRate: z.number().nullable(),
    averageLifetimeValue: z.number().nullable(),
  }),
  repeatPurchaseAfterTicket: z.object({ windowDays: z.number(), slaMet: rateSchema, slaBreached: rateSchema, complete: z.boolean() }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

// ---- policies ----
export const slaPolicySchema = z.object({
  firstResponseMinutes: z.record(tierSchema, z.number()),
  resolutionMinutes: z.record(tierSchema, z.number()),
  valueAdjustments: z.array(z.object({ minPercentile: z.number(), factor: z.number() })),
  issueKindFactors: z.record(issueKindSchema, z.number()),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
export const slaPolicyResponseSchema = z.object({
  policy: slaPolicySchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  largestTargetMinutes: z.number(),
  rerankedTickets: z.number().optional(),
});

const thresholdSchema = z.object({ minSpend: z.number(), minOrders: z.number() });
export const tierPolicySchema = z.object({
  tierWindowDays: z.number(),
  thresholds: z.object({ silver: thresholdSchema, gold: thresholdSchema, platinum: thresholdSchema }),
  expectedLifespanYears: z.number(),
});
export type TierPolicy = z.infer<typeof tierPolicySchema>;
export const tierPolicyResponseSchema = z.object({
  policy: tierPolicySchema,
  currency: z.string().default('USD'),
  rerankedTickets: z.number().optional(),
});
