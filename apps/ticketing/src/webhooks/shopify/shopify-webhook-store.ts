import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/**
 * Shopify event ids already applied, kept 7 days (Shopify retries a delivery for up to 4 hours).
 * Older ones are deleted at most hourly, when a delivery is marked (FerretDB has no TTL indexes).
 */
export const webhookDeliveriesCollection = 'webhook_deliveries';
/** Shopify order id → our order number: refunds name their order by id only. */
export const shopifyOrdersCollection = 'shopify_orders';
const deliveryMemoryMs = 7 * 24 * 3600 * 1000;
const forgetEveryMs = 3600 * 1000;

interface DeliveryDocument {
  _id: string;
  topic: string;
  receivedAt: Date;
}
interface ShopifyOrderDocument {
  _id: string;
  number: string;
}

export interface ShopifyWebhookStore {
  init(): Promise<void>;
  /** Whether this event id was applied already (read by `_id`). */
  wasApplied(eventId: string): Promise<boolean>;
  /** Marks an event applied, after what it carried is stored; marking twice is harmless. */
  markApplied(eventId: string, topic: string, now: Date): Promise<void>;
  rememberOrder(shopifyOrderId: string, number: string): Promise<void>;
  orderNumberOf(shopifyOrderId: string): Promise<string | undefined>;
}

export function createShopifyWebhookStore(db: Db): ShopifyWebhookStore {
  const deliveries = db.collection<DeliveryDocument>(webhookDeliveriesCollection);
  const orders = db.collection<ShopifyOrderDocument>(shopifyOrdersCollection);
  const deliveryId = (eventId: string): string => `shopify:${eventId}`;
  let forgotAt = 0;
  return {
    async init() {
      await deliveries.createIndex({ receivedAt: 1 });
    },
    async wasApplied(eventId) {
      return (await deliveries.findOne({ _id: deliveryId(eventId) }, { projection: { _id: 1 } })) !== null;
    },
    async markApplied(eventId, topic, now) {
      try {
        await deliveries.insertOne({ _id: deliveryId(eventId), topic, receivedAt: now });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      if (now.getTime() - forgotAt >= forgetEveryMs) {
        forgotAt = now.getTime();
        await deliveries.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - deliveryMemoryMs) } });
      }
    },
    async rememberOrder(shopifyOrderId, number) {
      await orders.updateOne({ _id: shopifyOrderId }, { $set: { number } }, { upsert: true });
    },
    async orderNumberOf(shopifyOrderId) {
      return (await orders.findOne({ _id: shopifyOrderId }))?.number;
    },
  };
}
