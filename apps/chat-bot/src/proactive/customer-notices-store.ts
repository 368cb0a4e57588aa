import type { Collection, Db } from 'mongodb';
import type { DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/**
 * What the chat knows per customer (`_id` = customer id), read by `_id` only: their latest
 * identified conversation, the delivery notices ticketing sent (kept also when they have no
 * conversation yet, so the bot knows when they next chat), and the notices stored in a
 * conversation while none of its sockets was open (the unread badge of their next visit).
 */
export const customerNoticesCollection = 'chat_customer_notices';

/** Notices kept per customer, newest by `notifiedAt`. */
export const keptNoticesPerCustomer = 20;

export interface CustomerNotice {
  key: string;
  kind: DeliveryProblemKind;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  since: Date;
  ticketId: string | null;
  notifiedAt: Date;
}

export interface CustomerNotices {
  customerId: string;
  conversationId: string | null;
  notices: CustomerNotice[];
  /** Keys of notices stored in a conversation already. */
  shown: string[];
  unread: { conversationId: string; count: number } | null;
}

interface CustomerNoticesDocument {
  _id: string;
  conversationId?: string | null;
  notices?: CustomerNotice[];
  shown?: string[];
  unread?: { conversationId: string; count: number } | null;
}

function fromDocument(document: CustomerNoticesDocument): CustomerNotices {
  return {
    customerId: document._id,
    conversationId: document.conversationId ?? null,
    notices: [...(document.notices ?? [])].sort((a, b) => b.notifiedAt.getTime() - a.notifiedAt.getTime()).slice(0, keptNoticesPerCustomer),
    shown: document.shown ?? [],
    unread: document.unread ?? null,
  };
}

export type CustomerNoticesStore = ReturnType<typeof createCustomerNoticesStore>;

export function createCustomerNoticesStore(db: Db) {
  const collection: Collection<CustomerNoticesDocument> = db.collection<CustomerNoticesDocument>(customerNoticesCollection);
  return {
    async get(customerId: string): Promise<CustomerNotices | null> {
      const document = await collection.findOne({ _id: customerId });
      return document ? fromDocument(document) : null;
    },

    /** Keeps a notice (once by its key, however often it is delivered); the customer's record after. */
    async add(customerId: string, notice: CustomerNotice): Promise<CustomerNotices> {
      try {
        await collection.updateOne({ _id: customerId, 'notices.key': { $ne: notice.key } }, { $push: { notices: notice } }, { upsert: true });
      } catch (error) {
        // The filter missed because the notice is there already, and the upsert hit the customer's document.
        if (!isDuplicateKeyError(error)) throw error;
      }
      const document = await collection.findOne({ _id: customerId });
      if (!document) throw new Error(`customer notices of ${customerId} vanished`);
      return fromDocument(document);
    },

    /** The customer's latest identified conversation (where the next notice goes). */
    async link(customerId: string, conversationId: string): Promise<void> {
      await collection.updateOne({ _id: customerId }, { $set: { conversationId } }, { upsert: true });
    },

    async markShown(customerId: string, key: string): Promise<void> {
      await collection.updateOne({ _id: customerId }, { $addToSet: { shown: key } });
    },

    /** One more message the shopper has not seen in `conversationId` (counted for their next visit). */
    async addUnread(customerId: string, conversationId: string): Promise<void> {
      const counted = await collection.updateOne({ _id: customerId, 'unread.conversationId': conversationId }, { $inc: { 'unread.count': 1 } });
      if (counted.matchedCount === 0) await collection.updateOne({ _id: customerId }, { $set: { unread: { conversationId, count: 1 } } });
    },

    /** The unread count of `conversationId`, cleared as it is read: the widget that resumes now shows it. */
    async takeUnread(customerId: string, conversationId: string): Promise<number> {
      const before = await collection.findOneAndUpdate(
        { _id: customerId, 'unread.conversationId': conversationId },
        { $set: { unread: null } },
        { returnDocument: 'before' },
      );
      return before?.unread?.count ?? 0;
    },
  };
}
