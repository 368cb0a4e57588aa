import type { Db } from 'mongodb';
import { createWebhookDeliveryStore, type WebhookDeliveryStore } from '../webhook-delivery-store.ts';

/** Shopify order id → our order number: refunds name their order by id only. */
export const shopifyOrdersCollection = 'shopify_orders';

interface ShopifyOrderDocument {
  _id: string;
  number: string;
}

/** Shopify event ids already applied (`shopify:<event id>` in the shared deliveries collection), and order ids. */
export interface ShopifyWebhookStore extends WebhookDeliveryStore {
  rememberOrder(shopifyOrderId: string, number: string): Promise<void>;
  orderNumberOf(shopifyOrderId: string): Promise<string | undefined>;
}

export function createShopifyWebhookStore(db: Db): ShopifyWebhookStore {
  const orders = db.collection<ShopifyOrderDocument>(shopifyOrdersCollection);
  return {
    ...createWebhookDeliveryStore(db, 'shopify'),
    async rememberOrder(shopifyOrderId, number) {
      await orders.updateOne({ _id: shopifyOrderId }, { $set: { number } }, { upsert: true });
    },
    async orderNumberOf(shopifyOrderId) {
      return (await orders.findOne({ _id: shopifyOrderId }))?.number;
    },
  };
}
