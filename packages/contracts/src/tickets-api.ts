import { z } from 'zod';
import { agentIdSchema, skillSchema } from './agents-api.ts';
import { chatAuthorSchema, type ChatAuthor } from './chat-events.ts';
import { surveyAnswersSchema } from './chat-jobs.ts';
import { deliveryProblemKindSchema } from './delivery-problem.ts';
import { namedOrderSchema, namedOrdersLimit, shopperVerificationSchema } from './handoff.ts';
import { issueKindSchema } from './issue-kind.ts';
import { languageSchema } from './language.ts';
import { resourceIdSchema } from './resource-id.ts';
import { tierSchema } from './tier.ts';
import { timestampSchema, type TimestampSchema } from './timestamp.ts';

// The ticketing API's tickets (`/api/tickets`): the ticket and its summary, requests and responses.

export const ticketIdSchema = resourceIdSchema;
export const customerIdSchema = resourceIdSchema;

/** open → assigned → pending (waiting on the shopper) → resolved → closed; reopen goes back to open. */
export const ticketStatuses = ['open', 'assigned', 'pending', 'resolved', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/** The statuses of a ticket still being worked (in the queue, with an agent, waiting on the shopper): the backlog. */
export const activeTicketStatuses: readonly TicketStatus[] = ['open', 'assigned', 'pending'];

/** Where the ticket came from: a chat handoff, the web form, or the email gateway. */
export const ticketChannels = ['chat', 'web', 'email'] as const;
export const ticketChannelSchema = z.enum(ticketChannels);
export type TicketChannel = z.infer<typeof ticketChannelSchema>;

/** Bounds on what a ticket holds, so one document stays small (FerretDB/MongoDB 16 MB cap, fast reads). */
export const ticketLimits = {
  subjectLength: 200,
  messageLength: 5000,
  messagesPerTicket: 500,
} as const;

/** Who made a change: an agent (by id), the system (a worker, a timer) or the shopper. */
export const actorSchema = z.object({
  kind: z.enum(['agent', 'system', 'customer']),
  id: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

/** What a history entry records; older entries (before actions were recorded) have none. */
export const ticketActions = [
  'open',
  'claim',
  'assign',
  'release',
  'pending',
  'resolve',
  'close',
  'reopen',
  'reply',
  'customer_message',
] as const;
export const ticketActionSchema = z.enum(ticketActions);
export type TicketAction = z.infer<typeof ticketActionSchema>;

/**
 * Who wrote a message: the chat's message author (a ticket's messages are the chat's, and more).
 * Only a `public` message by an `agent` counts as a reply to the shopper.
 */
export const messageAuthorSchema = chatAuthorSchema;
export type MessageAuthor = ChatAuthor;

/** `public` reaches the shopper; `internal` is a note between agents. */
export const messageVisibilities = ['public', 'internal'] as const;
export const messageVisibilitySchema = z.enum(messageVisibilities);
export type MessageVisibility = z.infer<typeof messageVisibilitySchema>;

/**
 * What produced a ticket's deadline, stored on the ticket so agents see why it is where it is and
 * so the deadline can be recomputed from it alone (ticketing's `deadlineFromBreakdown`).
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

/** What a proactive ticket is about: the delivery problem and the parcel. */
export const proactiveTicketSchema = z.object({
  kind: deliveryProblemKindSchema,
  orderNumber: z.string(),
  shipmentId: z.string(),
  trackingNumber: z.string(),
  /** The carrier's own status word when the ticket opened. */
  carrierStatus: z.string().optional(),
});
export type ProactiveTicket = z.infer<typeof proactiveTicketSchema>;

/**
 * The ticket and its parts, with timestamps as `timestamp` gives them: ISO strings as the API
 * sends them (the schemas below), `Date`s as ticketing keeps them (`ticketSchemasWith(z.date())`).
 */
export function ticketSchemasWith<T extends TimestampSchema>(timestamp: T) {
  /** One change (of status or assignee), kept in order on the ticket. `from` = `to` for a reassignment. */
  const statusChange = z.object({
    from: ticketStatusSchema.nullable(),
    to: ticketStatusSchema,
    by: actorSchema,
    at: timestamp,
    action: ticketActionSchema.optional(),
    /** The assignee after the change, when it changed. */
    assigneeId: agentIdSchema.nullable().optional(),
  });
  const ticketMessage = z.object({
    id: resourceIdSchema,
    author: messageAuthorSchema,
    visibility: messageVisibilitySchema,
    body: z.string().min(1).max(ticketLimits.messageLength),
    at: timestamp,
  });
  /** When each SLA deadline was found missed (set by the SLA worker); null while met or pending. */
  const slaBreaches = z.object({ firstResponse: z.nullable(timestamp), resolution: z.nullable(timestamp) });
  /** The shopper's answers to the after-resolution survey (the chat survey's scales). */
  const ticketSurvey = z.object({ ...surveyAnswersSchema.shape, answeredAt: timestamp });
  const ticket = z.object({
    id: ticketIdSchema,
    status: ticketStatusSchema,
    /** Null when the shopper is not a known customer (an unverified chat, a web form). */
    customerId: customerIdSchema.nullable(),
    /** The customer's name (or email) from their profile when the ticket opened, for lists; absent on older tickets. */
    customerName: z.string().max(200).nullable().optional(),
    language: languageSchema,
    skill: skillSchema,
    issueKind: issueKindSchema,
    createdAt: timestamp,
    /** First response due: the queue's order. */
    deadline: timestamp,
    resolutionDeadline: timestamp,
    breakdown: deadlineBreakdownSchema,
    explanation: z.string(),
    assigneeId: agentIdSchema.nullable(),
    assignedAt: z.nullable(timestamp),
    history: z.array(statusChange),
    channel: ticketChannelSchema,
    /** The chat conversation it was handed off from; null for web and email tickets. */
    conversationId: z.string().nullable(),
    subject: z.string().max(ticketLimits.subjectLength),
    /** Who to answer (web form, email gateway); null when only the customer id is known (chat). */
    requester: z.object({ email: z.string(), name: z.string().optional() }).nullable(),
    /** The order the request is about, when the shopper named one. */
    orderNumber: z.string().nullable(),
    /** Every order number named in the chat before the handoff, each marked verified (the customer's own) or not; absent on other tickets. */
    namedOrders: z.array(namedOrderSchema).max(namedOrdersLimit).optional(),
    /** Whether the chat verified the shopper before the handoff; absent on other tickets. */
    shopperVerification: shopperVerificationSchema.optional(),
    /** Set when the desk opened the ticket itself for a delivery problem, before the shopper wrote; absent or null otherwise. */
    proactive: proactiveTicketSchema.nullable().optional(),
    /** Oldest first; at most `ticketLimits.messagesPerTicket`. */
    messages: z.array(ticketMessage).max(ticketLimits.messagesPerTicket),
    /** When the shopper first wrote (resolution time is measured from it; may precede createdAt for chats). */
    firstShopperMessageAt: timestamp,
    /** The first public agent reply; bot messages and internal notes never set it. */
    firstRepliedAt: z.nullable(timestamp),
    /** The latest resolve; cleared on reopen. */
    resolvedAt: z.nullable(timestamp),
    closedAt: z.nullable(timestamp),
    reopenCount: z.number().int().min(0),
    slaBreaches,
    survey: ticketSurvey.nullable(),
    updatedAt: timestamp,
    /** Bumped by every write; each write is conditional on the version it read (optimistic concurrency). */
    version: z.number().int().min(0),
  });
  return { statusChange, ticketMessage, slaBreaches, ticketSurvey, ticket };
}

/** The ticket and its parts as the API sends them. */
export const {
  ticket: ticketSchema,
  ticketMessage: ticketMessageSchema,
  statusChange: statusChangeSchema,
} = ticketSchemasWith(timestampSchema);
export type Ticket = z.infer<typeof ticketSchema>;
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

/** The small copy of a ticket that queue and list screens show; ticketing keeps it in Redis as this JSON. */
export const ticketSummarySchema = z.object({
  id: ticketIdSchema,
  status: ticketStatusSchema,
  subject: z.string(),
  channel: ticketChannelSchema,
  /** The chat conversation of a chat ticket (where shopper-facing events go); entries indexed before it existed read null. */
  conversationId: z.string().nullable().default(null),
  customerId: z.string().nullable(),
  /** Who the queue row names: the customer's name or email, or a web requester's; entries indexed before it read null. */
  customerName: z.string().nullable().default(null),
  tier: tierSchema,
  valuePercentile: z.number().nullable(),
  language: languageSchema,
  skill: z.string(),
  issueKind: issueKindSchema,
  createdAt: timestampSchema,
  deadline: timestampSchema,
  resolutionDeadline: timestampSchema,
  explanation: z.string(),
  assigneeId: z.string().nullable(),
  /** Whether either SLA deadline was marked missed. */
  breached: z.boolean(),
  /** The delivery problem a proactive ticket was opened for; null for a shopper's request (and entries indexed before it). */
  proactive: deliveryProblemKindSchema.nullable().default(null),
  messageCount: z.number().int(),
  reopenCount: z.number().int(),
  updatedAt: timestampSchema,
  version: z.number().int(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

// ---- requests ---------------------------------------------------------------------------------

export const ticketPathSchema = z.object({ ticketId: ticketIdSchema });

/** `GET /api/tickets`. */
export const listTicketsQuerySchema = z.object({
  status: ticketStatusSchema.default('open'),
  tier: tierSchema.optional(),
  /** "me" for the signed-in agent's own tickets, or an agent id. */
  assignee: z.union([z.literal('me'), agentIdSchema]).optional(),
  breached: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  language: languageSchema.optional(),
  cursor: z.string().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListTicketsQuery = z.input<typeof listTicketsQuerySchema>;

/** `POST /api/tickets`: a request for help from the web form or the email gateway. */
export const ticketRequestSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  subject: z.string().trim().min(1).max(ticketLimits.subjectLength),
  message: z.string().trim().min(1).max(ticketLimits.messageLength),
  orderNumber: z.string().trim().min(1).max(64).optional(),
  language: languageSchema,
  issueKind: issueKindSchema.default('general'),
  channel: z.enum(['web', 'email']).default('web'),
});
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

/** `POST /api/tickets/:ticketId/reply` and `/notes`. */
export const ticketMessageInputSchema = z.object({
  body: z.string().trim().min(1).max(ticketLimits.messageLength),
  /** The console's id for this message: a retry with the same id is stored once (and delivered once). */
  clientMessageId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -')
    .optional(),
});

/** `POST /api/tickets/:ticketId/assign` (managers). */
export const assignTicketInputSchema = z.object({ agentId: agentIdSchema });

// ---- responses --------------------------------------------------------------------------------

/** `GET /api/tickets`: pass `nextCursor` back as `cursor` for the next page (null at the end). */
export const ticketListResponseSchema = z.object({
  items: z.array(ticketSummarySchema),
  nextCursor: z.string().nullable(),
});
export type TicketList = z.infer<typeof ticketListResponseSchema>;

/** A ticket after a change (reply, note, claim, assign, release, pending, resolve, close, reopen). */
export const ticketResponseSchema = z.object({ ticket: ticketSchema });

/** `POST /api/tickets/claim-next`: null when nothing is waiting in the agent's routing groups. */
export const claimNextResponseSchema = z.object({ ticket: ticketSchema.nullable() });

/**
 * `POST /api/tickets`: anonymous callers `{ticketId}` only; signed-in agents also `created`, and
 * the ticket when this request opened it (a retry gets the id only).
 */
export const openedTicketResponseSchema = z.object({
  ticketId: ticketIdSchema,
  created: z.boolean().optional(),
  ticket: ticketSchema.optional(),
});

/** An open ticket's place in its queue (1 = next) and the expected wait, when there is a claim rate to go by. */
export const placeInLineSchema = z.object({ position: z.number().int(), expectedWaitMs: z.number().nullable() });

/** `GET /api/tickets/:ticketId`. */
export const ticketDetailResponseSchema = z.object({
  ticket: ticketSchema,
  /** The customer 360 from customer-profile: tier, value (LTV, predicted LTV, percentile), stats, recent orders with shipments. */
  customer: z.record(z.string(), z.unknown()).nullable(),
  /** The order the ticket is about, with its shipments and tracking, when it names one. */
  order: z.record(z.string(), z.unknown()).nullable(),
  placeInLine: placeInLineSchema.nullable(),
});
