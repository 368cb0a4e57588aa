import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';
import type { ClosedConversation } from '../definitions/conversation-contribution.ts';
import { collectionOf } from './database-collection.ts';

type ConversationDocument = Omit<ClosedConversation, 'conversationId'> & {
  _id: string;
  /** Set by the one delivery that adds the conversation to the rollups (see record-conversation-closed.ts). */
  counted: boolean;
  /** Bumped by each survey write, which is conditional on it (see record-conversation-survey.ts); absent before the first. */
  surveyRevision?: number;
};

/** A stored closed conversation with its bookkeeping. */
export type StoredConversation = ClosedConversation & { counted: boolean; surveyRevision: number };

function fromDocument(document: ConversationDocument): StoredConversation {
  const { _id, surveyRevision, ...rest } = document;
  return { conversationId: _id, ...rest, surveyRevision: surveyRevision ?? 0 };
}

/** Closed conversations as the metrics keep them; by `_id` only (the scan is for the rebuild). */
export type ClosedConversationRepository = ReturnType<typeof createClosedConversationRepository>;

export function createClosedConversationRepository(connection: Connection) {
  const collection = collectionOf<ConversationDocument>(connection, 'conversation_metrics');

  return {
    /** Stores the conversation unless it is stored; returns the stored one either way. */
    async insertIfAbsent(conversation: ClosedConversation): Promise<StoredConversation> {
      const { conversationId, ...rest } = conversation;
      try {
        await collection.insertOne({ _id: conversationId, ...rest, counted: false });
        return { ...conversation, counted: false, surveyRevision: 0 };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await collection.findOne({ _id: conversationId });
      if (!existing) throw new Error(`conversation ${conversationId} reported as duplicate but not found`);
      return fromDocument(existing);
    },

    async findById(conversationId: string): Promise<StoredConversation | null> {
      const document = await collection.findOne({ _id: conversationId });
      return document ? fromDocument(document) : null;
    },

    /**
     * Replaces the survey answers if nobody wrote them since `expectedRevision`: true for exactly
     * one writer of each revision (the one that then adds the difference to the rollups).
     */
    async replaceSurvey(
      conversationId: string,
      expectedRevision: number,
      survey: ClosedConversation['survey'],
    ): Promise<boolean> {
      const result = await collection.updateOne(
        {
          _id: conversationId,
          ...(expectedRevision === 0 ? { surveyRevision: { $exists: false } } : { surveyRevision: expectedRevision }),
        },
        { $set: { survey: survey ?? null, surveyRevision: expectedRevision + 1 } },
      );
      return result.modifiedCount === 1;
    },

    /** Takes the right to count it: true for exactly one caller. */
    async claimCount(conversationId: string): Promise<boolean> {
      const result = await collection.updateOne({ _id: conversationId, counted: false }, { $set: { counted: true } });
      return result.modifiedCount === 1;
    },

    /** Gives the right back after counting failed, so a retry counts it. */
    async releaseCount(conversationId: string): Promise<void> {
      await collection.updateOne({ _id: conversationId, counted: true }, { $set: { counted: false } });
    },

    /** Every stored conversation, in batches (the rebuild). */
    async *findAll(batchSize = 1000): AsyncGenerator<ClosedConversation> {
      for await (const document of collection.find({}).batchSize(batchSize)) {
        const { counted: _counted, surveyRevision: _revision, ...conversation } = fromDocument(document);
        yield conversation;
      }
    },
  };
}
