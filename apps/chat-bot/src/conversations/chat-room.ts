import {
  chatServerEvents,
  conversationRoom,
  type ChatMessage,
  type ConversationUpdatedEvent,
  type MessageCreatedEvent,
} from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import type { Conversation, StoredMessage } from './conversation.ts';

/** Broadcasts to rooms of the `/chat` namespace (every instance, through the Redis adapter). */
export interface ChatRoomEmitter {
  to(room: string): { emit(event: string, payload: unknown): unknown };
}

/** A stored message as clients see it. */
export function toChatMessage(message: StoredMessage): ChatMessage {
  return {
    id: message.id,
    author: message.author,
    body: message.body,
    at: message.at.toISOString(),
    ...(message.quickReplies && message.quickReplies.length > 0 ? { quickReplies: message.quickReplies } : {}),
  };
}

/** What every socket of a conversation is told: its state changed, messages were stored. */
export type ChatRoom = ReturnType<typeof createChatRoom>;

export function createChatRoom(emitter: ChatRoomEmitter) {
  return {
    /** `conversation.updated`: the conversation's state and ticket as they are now. */
    updated(conversation: Conversation): void {
      const payload: ConversationUpdatedEvent = {
        conversationId: conversation.id,
        state: conversation.state,
        ticketId: conversation.handoff?.ticketId ?? null,
      };
      emitter.to(conversationRoom(conversation.id)).emit(chatServerEvents.conversationUpdated, payload);
    },

    /** `message.created` for each stored message; `language`: the conversation's, when the bot wrote them. */
    showMessages(conversationId: string, messages: readonly StoredMessage[], language?: Language): void {
      for (const message of messages) {
        const payload: MessageCreatedEvent = {
          conversationId,
          message: toChatMessage(message),
          ...(language ? { language } : {}),
        };
        emitter.to(conversationRoom(conversationId)).emit(chatServerEvents.messageCreated, payload);
      }
    },
  };
}
