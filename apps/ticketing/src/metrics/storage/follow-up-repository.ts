import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';
import type { RecentResolution, TicketFollowUp } from '../definitions/follow-up.ts';
import { collectionOf } from './database-collection.ts';

type FollowUpDocument = Omit<TicketFollowUp, 'ticketId'> & { _id: string };
type RecentResolutionsDocument = { _id: string; tickets: RecentResolution[]; revision: number };

function fromDocument(document: FollowUpDocument): TicketFollowUp {
  const { _id, ...rest } = document;
  return { ticketId: _id, ...rest };
}

function toDocument(followUp: TicketFollowUp): FollowUpDocument {
  const { ticketId, ...rest } = followUp;
  return { _id: ticketId, ...rest };
}

/** Ticket follow-ups and each customer's recent resolutions; reads and writes by `_id` only (the scan is for the rebuild). */
export type FollowUpRepository = ReturnType<typeof createFollowUpRepository>;

export function createFollowUpRepository(connection: Connection) {
  const followUps = collectionOf<FollowUpDocument>(connection, 'ticket_follow_ups');
  const recent = collectionOf<RecentResolutionsDocument>(connection, 'customer_recent_resolutions');

  /** Inserts when `expectedRevision` is null, else replaces the revision read; false when someone wrote first. */
  async function insertOrReplace(
    insert: () => Promise<unknown>,
    replace: () => Promise<{ matchedCount: number }>,
    expectedRevision: number | null,
  ): Promise<boolean> {
    if (expectedRevision !== null) return (await replace()).matchedCount === 1;
    try {
      await insert();
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  return {
    async findFollowUp(ticketId: string): Promise<TicketFollowUp | null> {
      const document = await followUps.findOne({ _id: ticketId });
      return document ? fromDocument(document) : null;
    },

    /** Writes `next` if the stored follow-up is still at `expectedRevision` (null: absent). */
    async writeFollowUp(next: TicketFollowUp, expectedRevision: number | null): Promise<boolean> {
      const { _id, ...fields } = toDocument(next);
      return insertOrReplace(
        () => followUps.insertOne({ _id, ...fields }),
        () => followUps.updateOne({ _id, revision: expectedRevision ?? -1 }, { $set: fields }),
        expectedRevision,
      );
    },

    /**
     * Records the repurchase once: only if none is recorded and the resolution is still the one the
     * window was computed from. Returns the follow-up as it was before, or null when nothing changed.
     */
    async markRepurchased(ticketId: string, resolvedAt: Date, placedAt: Date): Promise<TicketFollowUp | null> {
      const before = await followUps.findOneAndUpdate(
        { _id: ticketId, repurchasedAt: null, resolvedAt },
        { $set: { repurchasedAt: placedAt }, $inc: { revision: 1 } },
        { returnDocument: 'before' },
      );
      return before ? fromDocument(before) : null;
    },

    /** Every follow-up, in batches (the rebuild). */
    async *findAllFollowUps(batchSize = 1000): AsyncGenerator<TicketFollowUp> {
      for await (const document of followUps.find({}).batchSize(batchSize)) yield fromDocument(document);
    },

    async findRecentResolutions(customerId: string): Promise<{ tickets: RecentResolution[]; revision: number } | null> {
      const document = await recent.findOne({ _id: customerId });
      return document ? { tickets: document.tickets, revision: document.revision } : null;
    },

    async writeRecentResolutions(
      customerId: string,
      tickets: RecentResolution[],
      expectedRevision: number | null,
    ): Promise<boolean> {
      const fields = { tickets, revision: (expectedRevision ?? -1) + 1 };
      return insertOrReplace(
        () => recent.insertOne({ _id: customerId, ...fields }),
        () => recent.updateOne({ _id: customerId, revision: expectedRevision ?? -1 }, { $set: fields }),
        expectedRevision,
      );
    },
  };
}
