import {
  agentServerEvents,
  slaBreachedEventSchema,
  type QueueChangedEvent,
  type SlaBreachedEvent,
  type TicketClaimedEvent,
  type TicketMessageCreatedEvent,
} from '@loyaldesk/contracts/agents-events';
import { agentsStaffRoom, ticketRoom } from '@loyaldesk/contracts/chat-event-names';
import type { TicketSummary } from '@loyaldesk/contracts/tickets-api';

// Sends the `/agents` events of @loyaldesk/contracts/agents-events (names and payloads) to their rooms.

/** Rooms in the namespace. Every signed-in socket joins `staff`, its own `agent:<id>` and its `session:<id>`. */
export const agentRooms = {
  // The chat bot emits into it too (`verification.locked`), so its name is in the contracts.
  staff: agentsStaffRoom,
  managers: 'managers',
  agent: (agentId: string) => `agent:${agentId}`,
  /** The sockets of one login session (closed on logout). */
  session: (sessionId: string) => `session:${sessionId}`,
  /** The chat bot emits into it too (`shopper.typing`). */
  ticket: ticketRoom,
} as const;

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
export function emitSlaBreached(emitter: RoomEmitter, payload: SlaBreachedEvent): void {
  to(emitter, agentRooms.staff).emit(agentServerEvents.ticketSlaBreached, slaBreachedEventSchema.parse(payload));
}

/** Tells every agent the queue changed (a ticket entered, left or moved). */
export function emitQueueChanged(emitter: RoomEmitter, payload: QueueChangedEvent): void {
  to(emitter, agentRooms.staff).emit(agentServerEvents.queueChanged, payload);
}

/** Tells every agent who claimed a ticket. */
export function emitTicketClaimed(emitter: RoomEmitter, payload: TicketClaimedEvent): void {
  to(emitter, agentRooms.staff).emit(agentServerEvents.ticketClaimed, payload);
}

/** A new message, to agents watching the ticket and to its assignee. */
export function emitMessageCreated(emitter: RoomEmitter, assigneeId: string | null, payload: TicketMessageCreatedEvent): void {
  const rooms = [agentRooms.ticket(payload.ticketId), ...(assigneeId ? [agentRooms.agent(assigneeId)] : [])];
  to(emitter, rooms).emit(agentServerEvents.messageCreated, payload);
}

/** The ticket's new summary, to agents watching it. */
export function emitTicketUpdated(emitter: RoomEmitter, payload: TicketSummary): void {
  to(emitter, agentRooms.ticket(payload.id)).emit(agentServerEvents.ticketUpdated, payload);
}
