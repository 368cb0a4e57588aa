import { chatToAgentEvents, shopperTypingEventSchema, ticketRoom } from '@loyaldesk/contracts/chat-events';
import { shopperMessageJobId, shopperMessageJobSchema } from '@loyaldesk/contracts/chat-jobs';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { durableJobOptions } from '@loyaldesk/contracts/queues';
import type { Conversation, StoredMessage } from '../conversations/conversation.ts';
import type { JobQueue } from '../queue/job-queue.ts';

/**
 * Anything that broadcasts to rooms of the `/agents` namespace: a `@socket.io/redis-emitter`
 * Emitter's `.of('/agents')` (the chat bot does not serve that namespace; ticketing does).
 */
export interface AgentRoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): unknown };
}

/** What a handed-off shopper does, passed to the agents: messages durably, typing live. */
export type AgentRelay = ReturnType<typeof createAgentRelay>;

export function createAgentRelay(deps: { shopperMessages: JobQueue; agents: AgentRoomEmitter }) {
  return {
    /** Queues the (already stored) message for the ticket: job id = message id, so a retry forwards it once. */
    async forwardMessage(conversation: Conversation, message: StoredMessage): Promise<void> {
      const job = shopperMessageJobSchema.parse({
        conversationId: conversation.id,
        ticketId: conversation.handoff?.ticketId ?? null,
        language: conversation.language,
        message: { id: message.id, body: message.body, at: message.at.toISOString() },
      });
      await deps.shopperMessages.add(job, { ...durableJobOptions, jobId: shopperMessageJobId(message.id) });
    },

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
