import { createHash } from 'node:crypto';
import {
  deliveryNoticeJobId,
  deliveryNoticeJobSchema,
  deliveryNoticeQueueName,
  type DeliveryNoticeJob,
} from '@loyaldesk/contracts/delivery-notice';
import type { Order, Shipment } from '@loyaldesk/customer-profile/schemas';
import type { Outbox } from '@loyaldesk/platform/outbox';
import type { ProactiveNotice } from './proactive-notice-store.ts';

/**
 * The chat-safe key of a notice (its id holds the order number, which may hold anything).
 * @example noticeKey('1038:shp_1:lost') // 'ntc_' + 24 hex digits, the same every time
 */
export function noticeKey(noticeId: string): string {
  return `ntc_${createHash('sha256').update(noticeId).digest('hex').slice(0, 24)}`;
}

/** When a parcel's trouble began: its latest tracking event, else when the carrier last reported, else `fallback`. */
export function problemSince(shipment: Shipment, fallback: Date): Date {
  return shipment.events[shipment.events.length - 1]?.at ?? shipment.trackedAt ?? fallback;
}

/**
 * The job that tells the shopper's chat about a notice (parsed: a field out of bounds fails here,
 * before it is recorded).
 */
export function deliveryNoticeJobFor(notice: ProactiveNotice, order: Pick<Order, 'number'>, shipment: Shipment, at: Date): DeliveryNoticeJob {
  return deliveryNoticeJobSchema.parse({
    noticeKey: noticeKey(notice.id),
    customerId: notice.customerId,
    kind: notice.kind,
    orderNumber: order.number,
    carrier: shipment.carrier,
    trackingNumber: shipment.trackingNumber,
    since: problemSince(shipment, notice.createdAt).toISOString(),
    ticketId: notice.ticketId,
    language: notice.language,
    notifiedAt: at.toISOString(),
  });
}

/** Sends notices to the shopper's chat through the outbox (ordered per customer, one job per notice). */
export type ChatNoticeSender = ReturnType<typeof createChatNoticeSender>;

export function createChatNoticeSender(outbox: Pick<Outbox, 'record'>) {
  return {
    /** Records the notice for the chat bot; recording it again (a retried tracking delivery) adds nothing. */
    async send(job: DeliveryNoticeJob): Promise<void> {
      await outbox.record({ id: deliveryNoticeJobId(job.noticeKey), queue: deliveryNoticeQueueName, key: job.customerId, payload: job });
    },
  };
}
