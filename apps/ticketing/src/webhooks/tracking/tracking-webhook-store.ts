import type { Db } from 'mongodb';
import { normalizeTrackingNumber } from '@loyaldesk/customer-profile/rules';
import type { TrackingReport } from '@loyaldesk/customer-profile/schemas';
import { createWebhookDeliveryStore, type WebhookDeliveryStore } from '../webhook-delivery-store.ts';

/**
 * Reports for tracking numbers no stored order carries yet (`_id` = the normalized number), applied
 * when an order with that number is ingested. Kept 30 days.
 */
export const pendingTrackingCollection = 'tracking_pending';
const pendingMemoryMs = 30 * 24 * 3600 * 1000;
const forgetEveryMs = 3600 * 1000;
/** Reports kept per pending number: providers re-send the whole history with each, so the newest few say all. */
const pendingReportLimit = 10;

interface PendingDocument {
  _id: string;
  provider: string;
  trackingNumber: string;
  reports: TrackingReport[];
  receivedAt: Date;
}

export interface PendingTracking {
  trackingNumber: string;
  reports: TrackingReport[];
}

export interface TrackingWebhookStore {
  init(): Promise<void>;
  wasApplied(provider: string, deliveryId: string): Promise<boolean>;
  /** Marks a delivery applied, after what it carried is stored; marking twice is harmless. */
  markApplied(provider: string, deliveryId: string, topic: string, now: Date): Promise<void>;
  /** Keeps a report for a tracking number no order carries yet. */
  addPending(provider: string, trackingNumber: string, report: TrackingReport, now: Date): Promise<void>;
  /** The reports waiting for a tracking number (one `_id` read), or null. */
  pendingFor(trackingNumber: string): Promise<PendingTracking | null>;
  /** Forgets a number's pending reports once applied. */
  removePending(trackingNumber: string): Promise<void>;
}

export function createTrackingWebhookStore(db: Db): TrackingWebhookStore {
  const pending = db.collection<PendingDocument>(pendingTrackingCollection);
  // Applied deliveries live in the shared webhook delivery store, one key space per provider.
  const deliveryStores = new Map<string, WebhookDeliveryStore>();
  const deliveries = (provider: string): WebhookDeliveryStore => {
    let store = deliveryStores.get(provider);
    if (!store) deliveryStores.set(provider, (store = createWebhookDeliveryStore(db, provider)));
    return store;
  };
  let forgotAt = 0;

  // FerretDB has no TTL indexes: old pending reports are deleted at most hourly, on a write.
  async function forgetOld(now: Date): Promise<void> {
    if (now.getTime() - forgotAt < forgetEveryMs) return;
    forgotAt = now.getTime();
    await pending.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - pendingMemoryMs) } });
  }

  return {
    async init() {
      // The delivery collection's index is one for every provider.
      await Promise.all([deliveries('aftership').init(), pending.createIndex({ receivedAt: 1 })]);
    },
    wasApplied: (provider, deliveryId) => deliveries(provider).wasApplied(deliveryId),
    markApplied: (provider, deliveryId, topic, now) => deliveries(provider).markApplied(deliveryId, topic, now),
    async addPending(provider, trackingNumber, report, now) {
      const _id = normalizeTrackingNumber(trackingNumber);
      await pending.updateOne(
        { _id },
        { $push: { reports: report }, $set: { provider, trackingNumber, receivedAt: now } },
        { upsert: true },
      );
      // Bounded by popping the oldest (FerretDB 1.x ignores $push's $slice).
      for (let extra = 0; extra < 3; extra++) {
        const trimmed = await pending.updateOne({ _id, [`reports.${pendingReportLimit}`]: { $exists: true } }, { $pop: { reports: -1 } });
        if (trimmed.modifiedCount === 0) break;
      }
      await forgetOld(now);
    },
    async pendingFor(trackingNumber) {
      const document = await pending.findOne({ _id: normalizeTrackingNumber(trackingNumber) });
      return document ? { trackingNumber: document.trackingNumber, reports: document.reports } : null;
    },
    async removePending(trackingNumber) {
      await pending.deleteOne({ _id: normalizeTrackingNumber(trackingNumber) });
    },
  };
}
