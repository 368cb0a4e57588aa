import { chatToAgentEvents, shopperTypingEventSchema, ticketRoom } from '@loyaldesk/contracts/chat-events';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import type { Conversation } from '../conversations/conversation.ts';

/**
 * Anything that broadcasts to rooms of the `/agents` namespace: a `@socket.io/redis-emitter`
 * Emitter's `.of('/agents')` (the chat bot does not serve that namespace; ticketing does).
 */
export interface AgentRoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): unknown };
}

/** What a handed-off shopper does live, passed to the agents (their messages go through the outbox). */
export type AgentRelay = ReturnType<typeof createAgentRelay>;

export function createAgentRelay(deps: { agents: AgentRoomEmitter }) {
  return {
    /**
     * Tells the agents watching the ticket that the shopper is typing. Before ticketing has named
     * the ticket, it is the one the handoff opens (`handoffTicketId`): nobody may be watching it yet.
     */
    typing(conversation: Conversation, typing: boolean): void {
      if (!conversation.handoff) return;
      const ticketId = conversation.handoff.ticketId ?? handoffTicketId(conversation.id);
      const payload = shopperTypingEventSchema.parse({ ticketId, conversationId: conversation.id, typing });
      deps.agents.to(ticketRoom(ticketId)).emit(chatToAgentEvents.shopperTyping, payload);
    },
  };
}
