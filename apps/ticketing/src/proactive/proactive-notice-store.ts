import type { Db } from 'mongodb';
import type { DeliveryProblemKind } from '@loyaldesk/contracts/delivery-problem';
import type { Language } from '@loyaldesk/contracts/language';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/** One notice per shipment and problem kind: `_id` = `<order number>:<shipment id>:<kind>`. */
export const proactiveNoticesCollection = 'proactive_notices';

export type NoticeEmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'not_configured' | 'not_wanted';

export interface ProactiveNotice {
  id: string;
  kind: DeliveryProblemKind;
  orderNumber: string;
  shipmentId: string;
  trackingNumber: string;
  customerId: string;
  language: Language;
  createdAt: Date;
  /** The proactive ticket's (deterministic) id, or null when the tier's policy opens none. */
  ticketId: string | null;
  ticketOpenedAt: Date | null;
  /** When the notice was recorded for the shopper's chat (null: not yet, or not wanted; absent on notices before chat notices). */
  chatNotifiedAt?: Date | null;
  email: { status: NoticeEmailStatus; to: string; at: Date | null; error: string | null };
}

type NoticeDocument = Omit<ProactiveNotice, 'id'> & { _id: string };

export function noticeId(orderNumber: string, shipmentId: string, kind: DeliveryProblemKind): string {
  return `${orderNumber}:${shipmentId}:${kind}`;
}

function fromDocument(document: NoticeDocument): ProactiveNotice {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

export type ProactiveNoticeStore = ReturnType<typeof createProactiveNoticeStore>;

/** Proactive notices by natural key: created once, then each step (ticket, email) recorded on it. */
export function createProactiveNoticeStore(db: Db) {
  const notices = db.collection<NoticeDocument>(proactiveNoticesCollection);
  return {
    /** Creates the notice, or returns the one already there (retry-safe: duplicate key, then read). */
    async createOrGet(notice: ProactiveNotice): Promise<{ notice: ProactiveNotice; created: boolean }> {
      const { id, ...rest } = notice;
      try {
        await notices.insertOne({ _id: id, ...rest });
        return { notice, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await notices.findOne({ _id: id });
      if (!existing) throw new Error(`proactive notice ${id} vanished`);
      return { notice: fromDocument(existing), created: false };
    },
    async get(id: string): Promise<ProactiveNotice | null> {
      const document = await notices.findOne({ _id: id });
      return document ? fromDocument(document) : null;
    },
    async markTicketOpened(id: string, at: Date): Promise<void> {
      await notices.updateOne({ _id: id, ticketOpenedAt: null }, { $set: { ticketOpenedAt: at } });
    },
    async recordChatNotice(id: string, at: Date): Promise<void> {
      await notices.updateOne({ _id: id, chatNotifiedAt: null }, { $set: { chatNotifiedAt: at } });
    },
    /** Takes the email to send; false when another delivery took it (or it was sent) already. */
    async claimEmail(id: string): Promise<boolean> {
      const result = await notices.updateOne({ _id: id, 'email.status': 'pending' }, { $set: { 'email.status': 'sending' } });
      return result.modifiedCount === 1;
    },
    async recordEmail(id: string, status: 'sent' | 'failed', at: Date, error: string | null = null): Promise<void> {
      await notices.updateOne({ _id: id }, { $set: { 'email.status': status, 'email.at': at, 'email.error': error } });
    },
  };
}
