import {
  agentReplyEventSchema,
  chatServerEvents,
  conversationRoom,
  queuePositionEventSchema,
  ticketResolvedEventSchema,
  typingEventSchema,
  type AgentReplyEvent,
  type QueuePositionEvent,
  type TicketResolvedEvent,
  type TypingEvent,
} from '@loyaldesk/contracts/chat-events';
import type { PlaceInLine } from '../ranked-queue/expected-wait.ts';
import type { RoomEmitter } from '../live/agent-events.ts';
import type { Ticket } from '../tickets/ticket.ts';

// The shopper-facing events ticketing sends into a conversation's room of `/chat` (the chat bot's
// namespace, reached through the Socket.IO Redis emitter). Each payload is parsed with the
// contracts schema before it leaves, so a drift between the apps fails here, loudly, not in a widget.

/**
 * The `queue.position` event of a waiting chat ticket: place in line and the expected wait in
 * whole seconds (null while the group has no recent claims to estimate from).
 * @example queuePositionEvent('tkt_conv_c1', 'c1', { position: 2, expectedWaitMs: 90_400, groups: [] }) // { …, expectedWaitSeconds: 90 }
 */
export function queuePositionEvent(ticketId: string, conversationId: string, place: PlaceInLine): QueuePositionEvent {
  return queuePositionEventSchema.parse({
    ticketId,
    conversationId,
    position: place.position,
    expectedWaitSeconds: place.expectedWaitMs === null ? null : Math.round(place.expectedWaitMs / 1000),
  });
}

/**
 * The `message.created` events of a ticket write's new public agent replies, for the shopper's
 * conversation (none for a ticket without one; internal notes and the shopper's own messages never).
 * The author is the agent's display name only, never their internal id. The live room event and
 * the durable job to the chat bot (agent-event-jobs.ts) both send these.
 */
export function agentReplyEvents(
  before: Ticket | null,
  after: Ticket,
): Array<AgentReplyEvent & { conversationId: string }> {
  const conversationId = after.conversationId;
  if (!conversationId) return [];
  return after.messages
    .slice(before?.messages.length ?? 0)
    .filter((message) => message.visibility === 'public' && message.author.kind === 'agent')
    .map((message) => ({
      ...agentReplyEventSchema.parse({
        conversationId,
        ticketId: after.id,
        message: {
          id: message.id,
          author: { kind: 'agent', ...(message.author.name ? { name: message.author.name.slice(0, 120) } : {}) },
          visibility: 'public',
          body: message.body,
          at: message.at.toISOString(),
        },
      }),
      conversationId,
    }));
}

/** The `ticket.resolved` event of a chat ticket that was just resolved, or null when it was not (or is no chat ticket). */
export function ticketResolvedEvent(before: Ticket | null, after: Ticket): TicketResolvedEvent | null {
  if (!after.conversationId || after.status !== 'resolved' || before?.status === 'resolved') return null;
  return ticketResolvedEventSchema.parse({
    ticketId: after.id,
    conversationId: after.conversationId,
    resolvedAt: (after.resolvedAt ?? after.updatedAt).toISOString(),
  });
}

/** The `typing` event shoppers see while an agent types on their ticket (the agent's name, never their id). */
export function agentTypingEvent(input: { conversationId: string; ticketId: string; agentName: string; typing: boolean }): TypingEvent {
  return typingEventSchema.parse({
    conversationId: input.conversationId,
    ticketId: input.ticketId,
    author: { kind: 'agent', name: input.agentName.slice(0, 120) },
    typing: input.typing,
  });
}

/** Emits `queue.position` into the conversation's room. */
export function emitQueuePosition(chat: RoomEmitter, event: QueuePositionEvent & { conversationId: string }): void {
  chat.to(conversationRoom(event.conversationId)).emit(chatServerEvents.queuePosition, event);
}

/** Emits `ticket.resolved` into the conversation's room (the chat bot then asks the survey). */
export function emitTicketResolved(chat: RoomEmitter, event: TicketResolvedEvent & { conversationId: string }): void {
  chat.to(conversationRoom(event.conversationId)).emit(chatServerEvents.ticketResolved, event);
}

/** Emits an agent's `typing` into the conversation's room. */
export function emitAgentTyping(chat: RoomEmitter, event: TypingEvent & { conversationId: string }): void {
  chat.to(conversationRoom(event.conversationId)).emit(chatServerEvents.typing, event);
}
