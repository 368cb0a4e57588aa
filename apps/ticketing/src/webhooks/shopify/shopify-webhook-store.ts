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
  /**
   * Records a delivery the ingestion proved new (it created or changed the order, which a copy of
   * an applied delivery never does): the same fields, written unconditionally, in one bulk write
   * with the concurrent ones.
   */
  recordNew(shopifyOrderId: string, applied: { number: string; eventId?: string | undefined }, now: Date): Promise<void>;
}

// FerretDB 1.24 never answers an update command of 100 statements or more (see rollup-repository).
const maxBatch = 64;

interface QueuedRecord {
  shopifyOrderId: string;
  set: Record<string, unknown>;
  settle: (error?: unknown) => void;
}

export function createShopifyWebhookStore(db: Db): ShopifyWebhookStore {
  const orders = db.collection<ShopifyOrderDocument>(shopifyOrdersCollection);

  /** One record, alone: an upsert racing another process's for a new order collides once, then updates. */
  async function writeOne(record: Pick<QueuedRecord, 'shopifyOrderId' | 'set'>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await orders.updateOne({ _id: record.shopifyOrderId }, { $set: record.set }, { upsert: true });
        return;
      } catch (error) {
        if (attempt >= 3 || !isDuplicateKeyError(error)) throw error;
      }
    }
  }

  // Group commit: records proved new wait while one bulk write is in flight, then go together in
  // the next (a lone delivery waits for nothing); under load one round trip serves many webhooks.
  // The statements are idempotent `$set` upserts, one per Shopify order in a batch, so when a
  // bulk write fails (FerretDB stops at the first failing statement and may report the wrong
  // index) each of its records is simply written again alone.
  let queue: QueuedRecord[] = [];
  let writing = false;
  async function writeQueued(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      const batch: QueuedRecord[] = [];
      const later: QueuedRecord[] = [];
      const inBatch = new Set<string>();
      for (const record of queue) {
        if (batch.length < maxBatch && !inBatch.has(record.shopifyOrderId)) {
          inBatch.add(record.shopifyOrderId);
          batch.push(record);
        } else later.push(record);
      }
      queue = later;
      try {
        await orders.bulkWrite(
          batch.map(({ shopifyOrderId, set }) => ({ updateOne: { filter: { _id: shopifyOrderId }, update: { $set: set }, upsert: true } })),
          { ordered: false },
        );
        for (const record of batch) record.settle();
      } catch {
        for (const record of batch) {
          try {
            await writeOne(record);
            record.settle();
          } catch (error) {
            record.settle(error ?? new Error('shopify_orders write failed'));
          }
        }
      }
    }
    writing = false;
  }

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
    recordNew(shopifyOrderId, { number, eventId }, now) {
      const set: Record<string, unknown> = { number };
      if (eventId) set[`events.${eventId}`] = now;
      return new Promise<void>((resolve, reject) => {
        queue.push({ shopifyOrderId, set, settle: (error) => (error === undefined ? resolve() : reject(error)) });
        if (!writing) void writeQueued();
      });
    },
  };
}
