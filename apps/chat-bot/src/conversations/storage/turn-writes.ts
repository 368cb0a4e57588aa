import type { Logger } from '@loyaldesk/platform/logger';
import { botMessage, type BotReply } from '../../answers/bot-reply.ts';
import type { ConversationPatch, StoredMessage } from '../conversation.ts';
import type { ConversationStore } from './conversation-store.ts';

/**
 * A shopper message received but not yet stored: it is stored with the bot's first reply to it, in
 * one write (a turn used to write twice), or alone when the turn has no reply or needs it stored
 * first. Acknowledged (`onStored`) only once stored.
 */
interface HeldShopperMessage {
  message: StoredMessage;
  /** The client named the message, so a re-send of it must be recognised (see `TurnToStore.idempotent`). */
  idempotent: boolean;
  /** Called once the message is stored: `appended` is false when another instance stored it first. */
  onStored: (appended: boolean) => void;
}

/**
 * A turn's writes batched into one: the shopper's message is held, and the turn's outcome
 * (pending question, last order) deferred, until the turn's first reply is stored with both. So an
 * ordinary answer writes one batch of message documents and nothing to the conversation document.
 * A conversation's turns run one at a time (the transport's keyed serial queue), so there is at
 * most one held message and one deferred outcome per conversation.
 */
export type TurnWrites = ReturnType<typeof createTurnWrites>;

export function createTurnWrites(deps: { store: ConversationStore; clock: () => Date; logger: Logger }) {
  const { store, clock, logger } = deps;
  const deferredOutcomes = new Map<string, ConversationPatch>();
  const heldMessages = new Map<string, HeldShopperMessage>();

  return {
    /** Holds a received shopper message for its turn; `onStored` acknowledges it. */
    holdShopperMessage(
      conversationId: string,
      message: StoredMessage,
      options: { idempotent: boolean; onStored: (appended: boolean) => void },
    ): void {
      heldMessages.set(conversationId, { message, ...options });
    },

    /**
     * Stores the held shopper message alone (the turn has no reply, or needs it stored first); 'stored'
     * when none is held. 'missing' when the conversation no longer exists.
     */
    async storeHeldShopperMessage(conversationId: string): Promise<'stored' | 'missing'> {
      const held = heldMessages.get(conversationId);
      if (!held) return 'stored';
      // Taken first: a failed write leaves it unacknowledged (the client re-sends), not waiting for a later turn.
      heldMessages.delete(conversationId);
      const result = await store.appendTurn(
        conversationId,
        { messages: [held.message], idempotent: held.idempotent },
        held.message.at,
      );
      if (!result) return 'missing';
      held.onStored(result.appended);
      return 'stored';
    },

    /** Forgets a held shopper message unacknowledged (it could not be stored; the client re-sends it). */
    dropHeldShopperMessage(conversationId: string): void {
      heldMessages.delete(conversationId);
    },

    /** Keeps a turn's outcome to be stored with its first reply. */
    deferOutcome(conversationId: string, outcome: ConversationPatch): void {
      deferredOutcomes.set(conversationId, outcome);
    },

    /** Drops a turn's deferred outcome (a new turn starts, or the last one's replies were not all stored). */
    forgetOutcome(conversationId: string): void {
      deferredOutcomes.delete(conversationId);
    },

    /**
     * Stores the bot's replies, with the outcome of the turn that decided them and the shopper message
     * they answer (if still held) in the same write. Nothing is returned to show when that shopper
     * message turns out to be stored already (another instance received the same re-send and answers it).
     */
    async storeBotReplies(conversationId: string, replies: readonly BotReply[]): Promise<StoredMessage[]> {
      if (replies.length === 0) return [];
      const outcome = deferredOutcomes.get(conversationId) ?? {};
      deferredOutcomes.delete(conversationId);
      const held = heldMessages.get(conversationId);
      const now = clock();
      const messages = replies.map((reply) => botMessage(reply, now));
      const result = await store.appendTurn(
        conversationId,
        { messages: held ? [held.message, ...messages] : messages, outcome, idempotent: held?.idempotent ?? false },
        now,
      );
      if (!result) {
        // A held message stays held: the turn's end reports the conversation gone.
        logger.warn({ conversationId }, 'bot replies for a conversation that no longer exists');
        return held ? [] : messages;
      }
      if (held) {
        heldMessages.delete(conversationId);
        held.onStored(result.appended);
        if (!result.appended) return [];
      }
      return messages;
    },
  };
}
