import { z } from 'zod';
import { agentsStaffRoom } from '@loyaldesk/contracts/chat-event-names';
import { messageAuthorSchema, messageVisibilitySchema, ticketStatusSchema } from '../tickets/ticket.ts';
import { ticketSummarySchema } from '../tickets/ticket-summary.ts';

/** The Socket.IO namespace agents, managers and admins connect to. */
export const agentsNamespace = '/agents';

/** Rooms in the namespace. Every signed-in socket joins `staff`, its own `agent:<id>` and its `session:<id>`. */
export const agentRooms = {
  // The chat bot emits into it too (`verification.locked`), so its name is in the contracts.
  staff: agentsStaffRoom,
  managers: 'managers',
  agent: (agentId: string) => `agent:${agentId}`,
  /** The sockets of one login session (closed on logout). */
  session: (sessionId: string) => `session:${sessionId}`,
  ticket: (ticketId: string) => `ticket:${ticketId}`,
} as const;

/** Server → client event names (`<entity>.<action>`). */
export const agentEvents = {
  queueChanged: 'queue.changed',
  ticketClaimed: 'ticket.claimed',
  ticketUpdated: 'ticket.updated',
  messageCreated: 'message.created',
  ticketSlaBreached: 'ticket.sla_breached',
  typing: 'typing',
  error: 'error',
} as const;

const isoDate = z.iso.datetime();

/** Why the queue changed. */
export const queueChangeReasons = ['opened', 'claimed', 'assigned', 'released', 'resolved', 'reopened', 'reranked'] as const;

export const queueChangedPayloadSchema = z.object({
  ticketId: z.string(),
  status: ticketStatusSchema,
  reason: z.enum(queueChangeReasons),
  deadline: isoDate,
});
export type QueueChangedPayload = z.infer<typeof queueChangedPayloadSchema>;

export const ticketClaimedPayloadSchema = z.object({ ticketId: z.string(), agentId: z.string(), at: isoDate });
export type TicketClaimedPayload = z.infer<typeof ticketClaimedPayloadSchema>;

export const messageCreatedPayloadSchema = z.object({
  ticketId: z.string(),
  message: z.object({
    id: z.string(),
    author: messageAuthorSchema,
    visibility: messageVisibilitySchema,
    body: z.string(),
    at: isoDate,
  }),
});
export type MessageCreatedPayload = z.infer<typeof messageCreatedPayloadSchema>;

export const slaBreachedPayloadSchema = z.object({
  ticketId: z.string(),
  kind: z.enum(['firstResponse', 'resolution']),
  at: isoDate,
  tier: z.string(),
  assigneeId: z.string().nullable(),
  explanation: z.string(),
});
export type SlaBreachedPayload = z.infer<typeof slaBreachedPayloadSchema>;

export const typingPayloadSchema = z.object({
  ticketId: z.string(),
  agentId: z.string(),
  name: z.string(),
  typing: z.boolean(),
});
export type TypingPayload = z.infer<typeof typingPayloadSchema>;

export const ticketUpdatedPayloadSchema = ticketSummarySchema;

/**
 * Anything that can broadcast to rooms of the `/agents` namespace: the namespace itself, or a
 * `@socket.io/redis-emitter` Emitter's `.of('/agents')` in a process without a socket server
 * (e.g. the SLA worker). Both reach every instance through Redis.
 */
export interface RoomEmitter {
  to(room: string | string[]): { emit(event: string, payload: unknown): unknown };
}

function to(emitter: RoomEmitter, rooms: string | string[]): { emit(event: string, payload: unknown): unknown } {
  return emitter.to(rooms);
}

/**
 * Alerts agents and managers that a ticket missed an SLA deadline (`ticket.sla_breached` to the
 * `staff` room, so the assignee, every agent and every manager see it).
 * @example emitSlaBreached(io.of('/agents'), { ticketId, kind: 'firstResponse', at, tier: 'gold', assigneeId: null, explanation })
 */
export function emitSlaBreached(emitter: RoomEmitter, payload: SlaBreachedPayload): void {
  to(emitter, agentRooms.staff).emit(agentEvents.ticketSlaBreached, slaBreachedPayloadSchema.parse(payload));
}

/** Tells every agent the queue changed (a ticket entered, left or moved). */
export function emitQueueChanged(emitter: RoomEmitter, payload: QueueChangedPayload): void {
  to(emitter, agentRooms.staff).emit(agentEvents.queueChanged, payload);
}

/** Tells every agent who claimed a ticket. */
export function emitTicketClaimed(emitter: RoomEmitter, payload: TicketClaimedPayload): void {
  to(emitter, agentRooms.staff).emit(agentEvents.ticketClaimed, payload);
}

/** A new message, to agents watching the ticket and to its assignee. */
export function emitMessageCreated(emitter: RoomEmitter, assigneeId: string | null, payload: MessageCreatedPayload): void {
  const rooms = [agentRooms.ticket(payload.ticketId), ...(assigneeId ? [agentRooms.agent(assigneeId)] : [])];
  to(emitter, rooms).emit(agentEvents.messageCreated, payload);
}

/** The ticket's new summary, to agents watching it. */
export function emitTicketUpdated(emitter: RoomEmitter, payload: z.infer<typeof ticketUpdatedPayloadSchema>): void {
  to(emitter, agentRooms.ticket(payload.id)).emit(agentEvents.ticketUpdated, payload);
}
