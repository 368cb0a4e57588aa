import type { MessageCreatedEvent, QueuePositionEvent, TicketResolvedEvent } from '@loyaldesk/contracts/chat-events';
import type { BotReply } from '../answers/bot-reply.ts';
import * as replies from '../answers/dialog-replies.ts';
import { announceClosed, type ConversationClosingDeps } from '../conversations/close-conversation.ts';
import { handedOffStates, isHandedOff, type StoredMessage } from '../conversations/conversation.ts';
import { ticketIdIfUnknown, transitionFrom } from '../conversations/conversation-change.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import { startSurvey } from '../survey/survey-flow.ts';

/**
 * What ticketing tells a handed-off conversation (agent replies, the place in line, the ticket
 * resolved), recorded in it. Every delivery may come more than once and from several instances:
 * each write applies once.
 */
export type TicketingEvents = ReturnType<typeof createTicketingEvents>;

export function createTicketingEvents(deps: ConversationClosingDeps) {
  const { store, clock } = deps;
  return {
    /** The conversation's ticket was resolved: the chat closes and the survey starts (once, whatever the deliveries). */
    async ticketResolved(conversationId: string, event: TicketResolvedEvent): Promise<BotReply[]> {
      const before = await store.load(conversationId);
      if (!before || !isHandedOff(before)) return [];
      const now = clock();
      const handoff = before.handoff
        ? { ...before.handoff, ticketId: before.handoff.ticketId ?? event.ticketId }
        : null;
      const closed = await store.changeState(
        conversationId,
        transitionFrom(handedOffStates, {
          state: 'closed',
          closedAt: now,
          handoff,
          queue: null,
          survey: startSurvey(event.ticketId, now),
        }),
        now,
      );
      if (!closed) return [];
      await announceClosed(deps, closed);
      return [replies.surveyQuestionReply(closed.language, 'csat', catalogFor(closed.language).ticketResolved())];
    },

    /** An agent reply reached the room: stored once (by its id), and the conversation is now with an agent. */
    async recordAgentMessage(conversationId: string, event: MessageCreatedEvent): Promise<void> {
      const now = clock();
      const message: StoredMessage = {
        id: event.message.id,
        author: event.message.author,
        body: event.message.body,
        at: new Date(event.message.at),
      };
      const result = await store.appendTurn(conversationId, { messages: [message], idempotent: true }, now);
      if (!result?.appended) return;
      if (event.ticketId) await store.changeState(conversationId, ticketIdIfUnknown(event.ticketId), now);
      const withAgent = await store.changeState(
        conversationId,
        transitionFrom(['waiting'], { state: 'agent', queue: null }),
        now,
      );
      if (withAgent) deps.room.updated(withAgent);
    },

    /** Ticketing told the room the shopper's place in line: kept for a reconnecting shopper. */
    async recordQueuePosition(conversationId: string, event: QueuePositionEvent): Promise<void> {
      const now = clock();
      await store.changeState(conversationId, ticketIdIfUnknown(event.ticketId), now);
      await store.changeState(
        conversationId,
        transitionFrom(['waiting'], {
          queue: {
            ticketId: event.ticketId,
            position: event.position,
            expectedWaitSeconds: event.expectedWaitSeconds,
            at: now,
          },
        }),
        now,
      );
    },
  };
}
