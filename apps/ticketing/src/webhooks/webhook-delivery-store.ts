import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/**
 * Deliveries already applied, from every shop platform, `_id` = `<source>:<delivery key>`. Kept 7
 * days (Shopify retries for up to 4 hours); older ones are deleted at most hourly, when a delivery
 * is marked (FerretDB has no TTL indexes).
 */
export const webhookDeliveriesCollection = 'webhook_deliveries';
const deliveryMemoryMs = 7 * 24 * 3600 * 1000;
const forgetEveryMs = 3600 * 1000;

interface DeliveryDocument {
  _id: string;
  topic: string;
  receivedAt: Date;
}

export interface WebhookDeliveryStore {
  init(): Promise<void>;
  /** Whether this delivery was applied already (read by `_id`). */
  wasApplied(deliveryKey: string): Promise<boolean>;
  /** Marks a delivery applied, after what it carried is stored; marking twice is harmless. */
  markApplied(deliveryKey: string, topic: string, now: Date): Promise<void>;
}

/**
 * The applied deliveries of one source (`shopify`, `woocommerce`), in the shared collection.
 * @example const deliveries = createWebhookDeliveryStore(db, 'shopify'); await deliveries.wasApplied(eventId);
 */
export function createWebhookDeliveryStore(db: Db, source: string): WebhookDeliveryStore {
  const deliveries = db.collection<DeliveryDocument>(webhookDeliveriesCollection);
  const idOf = (deliveryKey: string): string => `${source}:${deliveryKey}`;
  let forgotAt = 0;
  return {
    async init() {
      await deliveries.createIndex({ receivedAt: 1 });
    },
    async wasApplied(deliveryKey) {
      return (await deliveries.findOne({ _id: idOf(deliveryKey) }, { projection: { _id: 1 } })) !== null;
    },
    async markApplied(deliveryKey, topic, now) {
      try {
        await deliveries.insertOne({ _id: idOf(deliveryKey), topic, receivedAt: now });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      if (now.getTime() - forgotAt >= forgetEveryMs) {
        forgotAt = now.getTime();
        await deliveries.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - deliveryMemoryMs) } });
      }
    },
  };
}
