import type { Db } from 'mongodb';
import { normalizeTrackingNumber } from '@loyaldesk/customer-profile/rules';
import type { TrackingReport } from '@loyaldesk/customer-profile/schemas';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/** Provider deliveries already applied (`_id` = `<provider>:<delivery id>`); shared with the Shopify adapter. */
const deliveriesCollection = 'webhook_deliveries';
/**
 * Reports for tracking numbers no stored order carries yet (`_id` = the normalized number), applied
 * when an order with that number is ingested. Kept 30 days.
 */
export const pendingTrackingCollection = 'tracking_pending';
const deliveryMemoryMs = 7 * 24 * 3600 * 1000;
const pendingMemoryMs = 30 * 24 * 3600 * 1000;
const forgetEveryMs = 3600 * 1000;
/** Reports kept per pending number: providers re-send the whole history with each, so the newest few say all. */
const pendingReportLimit = 10;

interface DeliveryDocument {
  _id: string;
  topic: string;
  receivedAt: Date;
}
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
  const deliveries = db.collection<DeliveryDocument>(deliveriesCollection);
  const pending = db.collection<PendingDocument>(pendingTrackingCollection);
  let forgotAt = 0;

  // FerretDB has no TTL indexes: old entries are deleted at most hourly, on a write.
  async function forgetOld(now: Date): Promise<void> {
    if (now.getTime() - forgotAt < forgetEveryMs) return;
    forgotAt = now.getTime();
    await deliveries.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - deliveryMemoryMs) } });
    await pending.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - pendingMemoryMs) } });
  }

  return {
    async init() {
      await Promise.all([deliveries.createIndex({ receivedAt: 1 }), pending.createIndex({ receivedAt: 1 })]);
    },
    async wasApplied(provider, deliveryId) {
      return (await deliveries.findOne({ _id: `${provider}:${deliveryId}` }, { projection: { _id: 1 } })) !== null;
    },
    async markApplied(provider, deliveryId, topic, now) {
      try {
        await deliveries.insertOne({ _id: `${provider}:${deliveryId}`, topic, receivedAt: now });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      await forgetOld(now);
    },
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
