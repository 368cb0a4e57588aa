import { z } from 'zod';
import { agentIdSchema, agentRoleSchema } from './agents-api.ts';
import { agentsNamespace, chatToAgentEvents } from './chat-event-names.ts';
import { shopperTypingEventSchema, verificationLockedEventSchema } from './chat-events.ts';
import { ticketIdSchema, ticketMessageSchema, ticketStatusSchema, ticketSummarySchema } from './tickets-api.ts';
import { tierSchema } from './tier.ts';
import { timestampSchema } from './timestamp.ts';

// The agents' Socket.IO namespace (`/agents`, served by ticketing; the chat bot emits into it too):
// event names and payloads, both directions.

export { agentsNamespace, shopperTypingEventSchema, verificationLockedEventSchema };

/** Server → client events (`<entity>.<action>`), ticketing's and the chat bot's. */
export const agentServerEvents = {
  queueChanged: 'queue.changed',
  ticketClaimed: 'ticket.claimed',
  ticketUpdated: 'ticket.updated',
  messageCreated: 'message.created',
  ticketSlaBreached: 'ticket.sla_breached',
  /** Another agent is typing on a ticket the socket watches. */
  typing: 'typing',
  /** A refused client event (bad payload, role, rate limit…); the connection stays open unless the session ended. */
  error: 'error',
  ...chatToAgentEvents,
} as const;

/** Client → server events; each may carry an acknowledgement callback (`{ok: true, data?}` or `{ok: false, error}`). */
export const agentClientEvents = {
  /** Follow a ticket: its messages, typing and updates. */
  watchTicket: 'ticket.watch',
  unwatchTicket: 'ticket.unwatch',
  /** "I am typing on this ticket": relayed to the others watching it, and to the shopper of a chat ticket. */
  typing: 'typing',
  /** Who is online, across every instance (managers). */
  listPresence: 'presence.list',
} as const;

// ---- server → client ------------------------------------------------------------------------

/** Why the queue changed. */
export const queueChangeReasons = [
  'opened',
  'claimed',
  'assigned',
  'released',
  'resolved',
  'reopened',
  'reranked',
] as const;

/** `queue.changed` (room `staff`): a ticket entered, left or moved in the queue. */
export const queueChangedEventSchema = z.object({
  ticketId: ticketIdSchema,
  status: ticketStatusSchema,
  reason: z.enum(queueChangeReasons),
  deadline: timestampSchema,
});
export type QueueChangedEvent = z.infer<typeof queueChangedEventSchema>;

/** `ticket.claimed` (room `staff`): who took a ticket. */
export const ticketClaimedEventSchema = z.object({
  ticketId: ticketIdSchema,
  agentId: agentIdSchema,
  at: timestampSchema,
});
export type TicketClaimedEvent = z.infer<typeof ticketClaimedEventSchema>;

/** `message.created` (the ticket's room and its assignee): a new message on a ticket. */
export const ticketMessageCreatedEventSchema = z.object({ ticketId: ticketIdSchema, message: ticketMessageSchema });
export type TicketMessageCreatedEvent = z.infer<typeof ticketMessageCreatedEventSchema>;

/** `ticket.sla_breached` (room `staff`): a ticket missed an SLA deadline. */
export const slaBreachedEventSchema = z.object({
  ticketId: ticketIdSchema,
  kind: z.enum(['firstResponse', 'resolution']),
  at: timestampSchema,
  tier: tierSchema,
  assigneeId: agentIdSchema.nullable(),
  explanation: z.string(),
});
export type SlaBreachedEvent = z.infer<typeof slaBreachedEventSchema>;

/** `typing` (the ticket's room, not the sender): another agent is typing on it. */
export const agentTypingEventSchema = z.object({
  ticketId: ticketIdSchema,
  agentId: agentIdSchema,
  name: z.string(),
  typing: z.boolean(),
});
export type AgentTypingEvent = z.infer<typeof agentTypingEventSchema>;

/** `ticket.updated` (the ticket's room): the ticket's new summary. */
export const ticketUpdatedEventSchema = ticketSummarySchema;

/** `error`, and a refused acknowledgement's `error`: what went wrong with which client event. */
export const agentSocketErrorSchema = z.object({
  event: z.string(),
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  /** On `loyaldesk:rate_limited`: when sending again is allowed. */
  retryAfterSeconds: z.number().optional(),
});
export type AgentSocketError = z.infer<typeof agentSocketErrorSchema>;

// ---- client → server ------------------------------------------------------------------------

/** `ticket.watch`, `ticket.unwatch`. */
export const ticketWatchPayloadSchema = z.object({ ticketId: ticketIdSchema });

/** `typing` (agent → server). */
export const agentTypingPayloadSchema = ticketWatchPayloadSchema.extend({ typing: z.boolean() });

/** `presence.list`: no fields (an empty object or nothing). */
export const presenceListPayloadSchema = z.object({}).optional();

/** The acknowledgement's `data` of `presence.list`: each signed-in agent once. */
export const presenceListReplySchema = z.object({
  agents: z.array(z.object({ id: agentIdSchema, name: z.string(), role: agentRoleSchema })),
});
export type PresenceListReply = z.infer<typeof presenceListReplySchema>;
