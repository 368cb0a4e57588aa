import type { Collection, Filter, UpdateFilter } from 'mongodb';
import type { Connection } from 'mongoose';
import { chatLimits, type ConversationState } from '@loyaldesk/contracts/chat-events';
import { ServiceUnavailableError } from '@loyaldesk/platform/errors';
import type { Conversation, StoredMessage } from './conversation.ts';

/** The stored document: the conversation with `_id`, plus the ids of the kept messages (for idempotent appends). */
type ConversationDocument = Omit<Conversation, 'id'> & { _id: string; messageIds: string[] };

/** Fields a caller may set directly (everything but identity, transcript and counters). */
export type ConversationPatch = Partial<
  Pick<
    Conversation,
    | 'language'
    | 'state'
    | 'customerId'
    | 'verifiedBy'
    | 'pending'
    | 'lastOrderNumber'
    | 'consecutiveFallbacks'
    | 'handoff'
    | 'queue'
    | 'closedAt'
    | 'survey'
  >
>;

function fromDocument(document: ConversationDocument): Conversation {
  const { _id, messageIds: _messageIds, ...rest } = document;
  return { ...rest, id: _id };
}

export const conversationsCollection = 'conversations';

/** Reads and writes `conversations`, always by `_id`, each write one atomic document update. */
export type ConversationRepository = ReturnType<typeof createConversationRepository>;

export function createConversationRepository(connection: Connection, options: { transcriptLength?: number } = {}) {
  const db = connection.db;
  if (!db) throw new ServiceUnavailableError('chat-bot: the database connection is not open');
  const collection: Collection<ConversationDocument> = db.collection<ConversationDocument>(conversationsCollection);
  const keep = options.transcriptLength ?? chatLimits.transcriptLength;

  async function findOneAndSet(filter: Filter<ConversationDocument>, update: UpdateFilter<ConversationDocument>) {
    const document = await collection.findOneAndUpdate(filter, update, { returnDocument: 'after' });
    return document ? fromDocument(document) : null;
  }

  // FerretDB 1.x accepts `$push` with `$slice` but ignores the `$slice`, so the transcript is cut
  // with `$set`, conditional on the message count read, so a concurrent append is never lost.
  async function trim(document: ConversationDocument): Promise<ConversationDocument> {
    if (document.messages.length <= keep) return document;
    const messages = document.messages.slice(-keep);
    const messageIds = messages.map((message) => message.id);
    const trimmed = await collection.findOneAndUpdate(
      { _id: document._id, messageCount: document.messageCount },
      { $set: { messages, messageIds } },
      { returnDocument: 'after' },
    );
    return trimmed ?? document;
  }

  return {
    async insert(conversation: Conversation): Promise<void> {
      const { id, ...rest } = conversation;
      await collection.insertOne({ _id: id, ...rest, messageIds: conversation.messages.map((message) => message.id) });
    },

    async findById(id: string): Promise<Conversation | null> {
      const document = await collection.findOne({ _id: id });
      return document ? fromDocument(document) : null;
    },

    /**
     * Appends messages in one atomic update, unless the first one's id is already kept (a retried
     * send: message ids are deterministic for client retries and come from ticketing for agent
     * replies). Returns the conversation after, and whether anything was added; null when there is
     * no such conversation. `patch` is set in the same update, only when the messages are added.
     */
    async appendMessages(
      id: string,
      messages: StoredMessage[],
      now: Date,
      /** Fields to set in the same atomic update (a turn's outcome stored with its replies). */
      patch: ConversationPatch = {},
    ): Promise<{ conversation: Conversation; appended: boolean } | null> {
      const first = messages[0];
      if (!first) {
        const conversation = await this.findById(id);
        return conversation ? { conversation, appended: false } : null;
      }
      const document = await collection.findOneAndUpdate(
        { _id: id, messageIds: { $ne: first.id } },
        {
          $push: { messages: { $each: messages }, messageIds: { $each: messages.map((message) => message.id) } },
          $inc: { messageCount: messages.length },
          $set: { ...patch, updatedAt: now },
        },
        { returnDocument: 'after' },
      );
      if (document) return { conversation: fromDocument(await trim(document)), appended: true };
      const existing = await this.findById(id);
      return existing ? { conversation: existing, appended: false } : null;
    },

    /** Sets fields; returns the conversation after, or null when there is none. */
    async update(id: string, patch: ConversationPatch, now: Date): Promise<Conversation | null> {
      return findOneAndSet({ _id: id }, { $set: { ...patch, updatedAt: now } });
    },

    /**
     * Sets fields only while the conversation is in one of `from`: the one caller whose transition
     * applies gets the conversation after; every other gets null.
     */
    async transition(
      id: string,
      from: readonly ConversationState[],
      patch: ConversationPatch,
      now: Date,
    ): Promise<Conversation | null> {
      return findOneAndSet({ _id: id, state: { $in: [...from] } }, { $set: { ...patch, updatedAt: now } });
    },

    /** Records the ticket id the first time ticketing names it. */
    async setTicketIdIfUnknown(id: string, ticketId: string, now: Date): Promise<Conversation | null> {
      return findOneAndSet(
        { _id: id, handoff: { $ne: null }, 'handoff.ticketId': null },
        { $set: { 'handoff.ticketId': ticketId, updatedAt: now } },
      );
    },
  };
}
