import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { languageSchema } from '@loyaldesk/contracts/language';
import { skillSchema } from '../queue/routing-group.ts';
import { deadlineBreakdownSchema } from '../ranking/deadline-breakdown.ts';

// Ids end up in Redis members ("<ticket>:<agent>") and key names, so no ':' or spaces.
const idPattern = /^[A-Za-z0-9_-]{1,160}$/;
const idMessage = 'must be 1–160 letters, digits, _ or -';

export const ticketIdSchema = z.string().regex(idPattern, idMessage);
export const agentIdSchema = z.string().regex(idPattern, idMessage);
export const customerIdSchema = z.string().regex(idPattern, idMessage);

/** open → assigned → pending (waiting on the shopper) → resolved → closed; reopen goes back to open. */
export const ticketStatuses = ['open', 'assigned', 'pending', 'resolved', 'closed'] as const;
export const ticketStatusSchema = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

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

/** One change (of status or assignee), kept in order on the ticket. `from` = `to` for a reassignment. */
export const statusChangeSchema = z.object({
  from: ticketStatusSchema.nullable(),
  to: ticketStatusSchema,
  by: actorSchema,
  at: z.date(),
  action: ticketActionSchema.optional(),
  /** The assignee after the change, when it changed. */
  assigneeId: agentIdSchema.nullable().optional(),
});
export type StatusChange = z.infer<typeof statusChangeSchema>;

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

/** Who wrote a message. Only a `public` message by an `agent` counts as a reply to the shopper. */
export const messageAuthorKinds = ['customer', 'agent', 'bot', 'system'] as const;
export const messageAuthorSchema = z.object({
  kind: z.enum(messageAuthorKinds),
  id: z.string().max(160).optional(),
  name: z.string().max(120).optional(),
});
export type MessageAuthor = z.infer<typeof messageAuthorSchema>;

/** `public` reaches the shopper; `internal` is a note between agents. */
export const messageVisibilities = ['public', 'internal'] as const;
export const messageVisibilitySchema = z.enum(messageVisibilities);
export type MessageVisibility = z.infer<typeof messageVisibilitySchema>;

export const ticketMessageSchema = z.object({
  id: z.string().regex(idPattern, idMessage),
  author: messageAuthorSchema,
  visibility: messageVisibilitySchema,
  body: z.string().min(1).max(ticketLimits.messageLength),
  at: z.date(),
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

/** When each SLA deadline was found missed (set by the SLA worker); null while met or pending. */
export const slaBreachesSchema = z.object({
  firstResponse: z.date().nullable(),
  resolution: z.date().nullable(),
});
export type SlaBreaches = z.infer<typeof slaBreachesSchema>;

/** The shopper's answers to the after-resolution survey. */
export const ticketSurveySchema = z.object({
  csat: z.number().int().min(1).max(5).optional(),
  ces: z.number().int().min(1).max(7).optional(),
  nps: z.number().int().min(0).max(10).optional(),
  answeredAt: z.date(),
});
export type TicketSurvey = z.infer<typeof ticketSurveySchema>;

/** A ticket as the desk works with it (the stored document maps to this; see ticket-repository). */
export const ticketSchema = z.object({
  id: ticketIdSchema,
  status: ticketStatusSchema,
  /** Null when the shopper is not a known customer (an unverified chat, a web form). */
  customerId: customerIdSchema.nullable(),
  /** The customer's name (or email) from their profile when the ticket opened, for lists; absent on older tickets. */
  customerName: z.string().max(200).nullable().optional(),
  language: languageSchema,
  skill: skillSchema,
  issueKind: issueKindSchema,
  createdAt: z.date(),
  /** First response due: the queue's order. */
  deadline: z.date(),
  resolutionDeadline: z.date(),
  breakdown: deadlineBreakdownSchema,
  explanation: z.string(),
  assigneeId: agentIdSchema.nullable(),
  assignedAt: z.date().nullable(),
  history: z.array(statusChangeSchema),
  channel: ticketChannelSchema,
  /** The chat conversation it was handed off from; null for web and email tickets. */
  conversationId: z.string().nullable(),
  subject: z.string().max(ticketLimits.subjectLength),
  /** Who to answer (web form, email gateway); null when only the customer id is known (chat). */
  requester: z.object({ email: z.string(), name: z.string().optional() }).nullable(),
  /** The order the request is about, when the shopper named one. */
  orderNumber: z.string().nullable(),
  /** Oldest first; at most `ticketLimits.messagesPerTicket`. */
  messages: z.array(ticketMessageSchema).max(ticketLimits.messagesPerTicket),
  /** When the shopper first wrote (resolution time is measured from it; may precede createdAt for chats). */
  firstShopperMessageAt: z.date(),
  /** The first public agent reply; bot messages and internal notes never set it. */
  firstRepliedAt: z.date().nullable(),
  /** The latest resolve; cleared on reopen. */
  resolvedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  reopenCount: z.number().int().min(0),
  slaBreaches: slaBreachesSchema,
  survey: ticketSurveySchema.nullable(),
  updatedAt: z.date(),
  /** Bumped by every write; each write is conditional on the version it read (optimistic concurrency). */
  version: z.number().int().min(0),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** A new ticket id: "tkt_" and 20 hex digits (80 random bits). */
export function newTicketId(): string {
  return `tkt_${randomBytes(10).toString('hex')}`;
}

/** A new message id: "msg_" and 16 hex digits. */
export function newMessageId(): string {
  return `msg_${randomBytes(8).toString('hex')}`;
}

/**
 * The id of an agent's message the console named (`clientMessageId`): the same for every retry of
 * it by that agent on that ticket, so it is stored once.
 * @example agentMessageId('tkt_1', 'agt_1', 'c-42') === agentMessageId('tkt_1', 'agt_1', 'c-42') // true
 */
export function agentMessageId(ticketId: string, agentId: string, clientMessageId: string): string {
  return `msg_${createHash('sha256').update(`${ticketId}\0${agentId}\0${clientMessageId}`).digest('hex').slice(0, 16)}`;
}
