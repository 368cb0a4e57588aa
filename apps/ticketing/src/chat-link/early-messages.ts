import type { Collection, Db } from 'mongodb';

/** A shopper message that arrived before its conversation's handoff ticket existed. */
export interface EarlyMessage {
  id: string;
  body: string;
  at: Date;
}

interface EarlyMessagesDocument {
  _id: string;
  messages: EarlyMessage[];
  /** The proactive ticket the conversation's handoff joined (its messages go there, not to a handoff ticket). */
  joinedTicketId?: string;
}

export const earlyChatMessagesCollection = 'chat_early_messages';

/**
 * Shopper messages that reached ticketing before the handoff that opens their ticket (the two
 * travel on different queues), held by conversation (`_id`) instead of retried: the handoff
 * worker moves them onto the ticket as it opens it. Both sides move them (the message worker
 * checks for the ticket again after holding), and adding a message to a ticket is idempotent by
 * its id, so none is missed and none is added twice.
 */
export type EarlyMessages = ReturnType<typeof createEarlyMessages>;

export function createEarlyMessages(db: Db) {
  const collection: Collection<EarlyMessagesDocument> =
    db.collection<EarlyMessagesDocument>(earlyChatMessagesCollection);
  return {
    /** Holds a message for the conversation (a second hold of the same message changes nothing). */
    async hold(conversationId: string, message: EarlyMessage): Promise<void> {
      await collection.updateOne(
        { _id: conversationId },
        { $addToSet: { messages: { id: message.id, body: message.body, at: message.at } } },
        { upsert: true },
      );
    },

    /** Records that the conversation's handoff joined `ticketId` (a proactive ticket) instead of opening its own. */
    async recordJoin(conversationId: string, ticketId: string): Promise<void> {
      await collection.updateOne({ _id: conversationId }, { $set: { joinedTicketId: ticketId }, $setOnInsert: { messages: [] } }, { upsert: true });
    },

    /** The ticket the conversation's handoff joined, if it joined one. */
    async joinedTicketOf(conversationId: string): Promise<string | null> {
      return (await collection.findOne({ _id: conversationId }))?.joinedTicketId ?? null;
    },

    /** The messages held for the conversation, oldest first. */
    async held(conversationId: string): Promise<EarlyMessage[]> {
      const document = await collection.findOne({ _id: conversationId });
      return [...(document?.messages ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
    },

    /** Forgets held messages (as `held` returned them) once they are on the ticket. */
    async release(conversationId: string, messages: readonly EarlyMessage[]): Promise<void> {
      if (messages.length === 0) return;
      // One whole value at a time: FerretDB 1.x serves `$pull` of a value, not of a condition.
      for (const message of messages) {
        await collection.updateOne(
          { _id: conversationId },
          { $pull: { messages: { id: message.id, body: message.body, at: message.at } } },
        );
      }
    },
  };
}

/**
 * Moves the messages held for a conversation onto its ticket (idempotent by message id), oldest
 * first. Returns how many were held.
 */
export async function deliverEarlyMessages(
  deps: {
    early: EarlyMessages;
    addShopperMessage: (ticketId: string, message: EarlyMessage) => Promise<unknown>;
  },
  ticket: { id: string; conversationId: string | null },
): Promise<number> {
  if (!ticket.conversationId) return 0;
  const held = await deps.early.held(ticket.conversationId);
  for (const message of held) await deps.addShopperMessage(ticket.id, message);
  await deps.early.release(ticket.conversationId, held);
  return held.length;
}
