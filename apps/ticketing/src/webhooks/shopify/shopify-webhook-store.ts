import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/**
 * One document per Shopify order (`_id` = Shopify's order id): our order number (refunds name
 * their order by id only), and the event ids and refund ids already applied to it. An order gets a
 * few dozen deliveries in its life, so the document stays small; it is read and written by `_id`.
 */
export const shopifyOrdersCollection = 'shopify_orders';

interface ShopifyOrderDocument {
  _id: string;
  number: string;
  events?: Record<string, Date>;
  refunds?: Record<string, Date>;
}

export interface ShopifyOrderRecord {
  number: string;
  hasEvent(eventId: string): boolean;
  hasRefund(refundId: string): boolean;
}

export interface ShopifyWebhookStore {
  /** What is known of a Shopify order (one `_id` read), or undefined. */
  order(shopifyOrderId: string): Promise<ShopifyOrderRecord | undefined>;
  /**
   * Records a delivery as applied to the order (one `_id` write, after what it carried is stored):
   * `already_applied` when this event id was recorded before (a duplicate delivery).
   */
  recordApplied(
    shopifyOrderId: string,
    applied: { number: string; eventId?: string | undefined; refundId?: string | undefined },
    now: Date,
  ): Promise<'applied' | 'already_applied'>;
}

export function createShopifyWebhookStore(db: Db): ShopifyWebhookStore {
  const orders = db.collection<ShopifyOrderDocument>(shopifyOrdersCollection);
  return {
    async order(shopifyOrderId) {
      const document = await orders.findOne({ _id: shopifyOrderId });
      if (!document) return undefined;
      return {
        number: document.number,
        hasEvent: (eventId) => document.events?.[eventId] !== undefined,
        hasRefund: (refundId) => document.refunds?.[refundId] !== undefined,
      };
    },
    async recordApplied(shopifyOrderId, { number, eventId, refundId }, now) {
      const set: Record<string, unknown> = { number };
      if (eventId) set[`events.${eventId}`] = now;
      if (refundId) set[`refunds.${refundId}`] = now;
      // With an event id, the filter matches only while that id is not recorded: a second delivery
      // finds no match, its upsert collides on `_id`, and that says "already applied".
      const filter = eventId ? { _id: shopifyOrderId, [`events.${eventId}`]: { $exists: false } } : { _id: shopifyOrderId };
      try {
        await orders.updateOne(filter, { $set: set }, { upsert: true });
        return 'applied';
      } catch (error) {
        if (eventId && isDuplicateKeyError(error)) return 'already_applied';
        throw error;
      }
    },
  };
}
