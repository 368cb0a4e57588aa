import { createHash } from 'node:crypto';
import type { SendMessagePayload } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import { botMessage } from '../answers/bot-reply.ts';
import { greetingReply } from '../answers/dialog-replies.ts';
import { verifyIdentityToken } from '../identity/identity-token.ts';
import {
  newConversation,
  newConversationId,
  newMessageId,
  type Conversation,
  type ConversationWithTranscript,
  type StoredMessage,
} from './conversation.ts';
import { setFields } from './conversation-change.ts';
import type { ConversationStore } from './storage/conversation-store.ts';

/**
 * A shopper message's id: random, or derived from the client's id for it, so a message re-sent
 * after a lost acknowledgement is recognised and stored once.
 */
function shopperMessageId(conversationId: string, clientId: string | undefined): string {
  if (!clientId) return newMessageId();
  return `msg_${createHash('sha256').update(`${conversationId}\0${clientId}`).digest('hex').slice(0, 20)}`;
}

/**
 * A shopper's way into a conversation: starting one (stored only at their first message),
 * resuming it, verifying them with the storefront's identity token, and receiving their messages.
 */
export type ConversationSessions = ReturnType<typeof createConversationSessions>;

export function createConversationSessions(deps: {
  store: ConversationStore;
  /** The storefront's identity-token secret. */
  identitySecret: string;
  clock: () => Date;
}) {
  const { store, clock } = deps;
  return {
    /**
     * A new conversation, not stored: it is stored (`create`) with the shopper's first message, so
     * opening the chat writes nothing. `id` continues one whose session token was issued but that
     * was never stored.
     */
    start(input: { language?: Language; shop?: string; id?: string }): Conversation {
      return newConversation({
        id: input.id ?? newConversationId(),
        shop: input.shop ?? null,
        language: input.language ?? 'en',
        now: clock(),
      });
    },

    /** The bot's greeting for a conversation not stored yet, as the messages it will be stored as (`create`). */
    greetingMessages(conversation: Conversation): StoredMessage[] {
      return [botMessage(greetingReply(conversation.language, conversation.customerId !== null), clock())];
    },

    /**
     * Stores a conversation from `start` with the messages shown before the shopper's first one (the
     * greeting). Stored already (another tab of it was first) is fine: it carries on as stored.
     */
    create(conversation: Conversation, opening: readonly StoredMessage[]): Promise<void> {
      return store.create(conversation, opening, clock());
    },

    /** A storefront identity token on a conversation not stored yet: verified in memory, stored with it. */
    verifyUnstoredWithIdentityToken(conversation: Conversation, identityToken: string): Conversation {
      const customerId = verifyIdentityToken(deps.identitySecret, identityToken, clock());
      return customerId ? { ...conversation, customerId, verifiedBy: 'identity_token' } : conversation;
    },

    /** The conversation as it is now (no transcript: a turn needs none), or null. */
    current(conversationId: string): Promise<Conversation | null> {
      return store.load(conversationId);
    },

    /** The conversation with its kept transcript (a resume), or null. */
    async find(conversationId: string): Promise<ConversationWithTranscript | null> {
      const conversation = await store.load(conversationId);
      if (!conversation) return null;
      return { ...conversation, messages: await store.transcript(conversationId) };
    },

    /** A storefront identity token (on start or resume): verifies the shopper when valid; ignored otherwise. */
    async verifyWithIdentityToken(conversation: Conversation, identityToken: string): Promise<Conversation> {
      const customerId = verifyIdentityToken(deps.identitySecret, identityToken, clock());
      if (!customerId || customerId === conversation.customerId) return conversation;
      return (
        (await store.changeState(conversation.id, setFields({ customerId, verifiedBy: 'identity_token' }), clock())) ??
        conversation
      );
    },

    /**
     * A shopper message as it arrives: the conversation as it is now, and the message (its id derived
     * from the client's, so a re-send is recognised: `storedBefore`). Not stored yet: the caller holds
     * it (`holdShopperMessage`) for the turn, which stores it with its first reply. Null when there is
     * no such conversation.
     */
    async receiveShopperMessage(
      conversationId: string,
      payload: SendMessagePayload,
    ): Promise<{ conversation: Conversation; message: StoredMessage; storedBefore: boolean } | null> {
      const message: StoredMessage = {
        id: shopperMessageId(conversationId, payload.clientId),
        author: { kind: 'customer' },
        body: payload.text,
        at: clock(),
      };
      const found = await store.loadWithRecentMessage(conversationId, message.id);
      return found ? { conversation: found.conversation, message, storedBefore: found.stored } : null;
    },
  };
}
