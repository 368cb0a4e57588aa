import type { Db } from 'mongodb';

/** WooCommerce order id → our order number: `order.deleted` names its order by id only. */
export const wooCommerceOrdersCollection = 'woocommerce_orders';
/** Where each shop's reconciliation got to, `_id` = `orders:<shop origin and path>`. */
export const wooCommerceSyncCollection = 'woocommerce_sync';

interface WooCommerceOrderDocument {
  _id: string;
  number: string;
}
interface SyncCursorDocument {
  _id: string;
  /** The newest `date_modified_gmt` stored so far. */
  modifiedUpTo: Date;
  updatedAt: Date;
}

export interface WooCommerceStore {
  rememberOrder(wooOrderId: number, number: string): Promise<void>;
  orderNumberOf(wooOrderId: number): Promise<string | undefined>;
  /** The newest modification time a reconciliation of `shop` has stored, if any ran. */
  syncCursor(shop: string): Promise<Date | undefined>;
  /** Moves the cursor to `modifiedUpTo`, never back (two runs at once cannot undo each other). */
  advanceSyncCursor(shop: string, modifiedUpTo: Date, now: Date): Promise<void>;
}

export function createWooCommerceStore(db: Db): WooCommerceStore {
  const orders = db.collection<WooCommerceOrderDocument>(wooCommerceOrdersCollection);
  const cursors = db.collection<SyncCursorDocument>(wooCommerceSyncCollection);
  const cursorId = (shop: string): string => `orders:${shop}`;
  return {
    async rememberOrder(wooOrderId, number) {
      await orders.updateOne({ _id: String(wooOrderId) }, { $set: { number } }, { upsert: true });
    },
    async orderNumberOf(wooOrderId) {
      return (await orders.findOne({ _id: String(wooOrderId) }))?.number;
    },
    async syncCursor(shop) {
      return (await cursors.findOne({ _id: cursorId(shop) }))?.modifiedUpTo;
    },
    async advanceSyncCursor(shop, modifiedUpTo, now) {
      await cursors.updateOne({ _id: cursorId(shop) }, { $max: { modifiedUpTo }, $set: { updatedAt: now } }, { upsert: true });
    },
  };
}
