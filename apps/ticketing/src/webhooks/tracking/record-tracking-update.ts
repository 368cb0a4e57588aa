import type { Order } from '@loyaldesk/customer-profile/schemas';
import type { CustomerProfileService, TrackedShipmentChange } from '@loyaldesk/customer-profile/service';
import type { TrackingWebhookStore } from './tracking-webhook-store.ts';
import type { TrackingUpdate } from './tracking-update.ts';

export interface TrackingIngestionDeps {
  profiles: Pick<CustomerProfileService, 'recordTrackingReport' | 'shipmentsByTrackingNumber'>;
  store: TrackingWebhookStore;
  /**
   * Told of every shipment a report reached, changed or not (a provider's retry after a crash
   * must still reach it; it decides idempotently, e.g. proactive notices).
   */
  onShipmentTracked?: (change: TrackedShipmentChange) => Promise<unknown>;
  clock?: () => Date;
}

export interface TrackingOutcome {
  /** recorded: something new stored; unchanged: nothing new; pending: no order carries the number yet. */
  outcome: 'recorded' | 'unchanged' | 'pending';
  orderNumbers: string[];
}

/** Tracking updates for the desk: applied to their shipments, or kept until their order arrives. */
export type TrackingIngestion = ReturnType<typeof createTrackingIngestion>;

/**
 * The one way a carrier tracking update comes in, whatever the provider: applied to every shipment
 * carrying its tracking number (an `_id` lookup), or kept as pending when no stored order carries
 * it yet, and applied by `applyPendingTo` when such an order is ingested.
 */
export function createTrackingIngestion(deps: TrackingIngestionDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function apply(trackingNumber: string, update: Pick<TrackingUpdate, 'report'>): Promise<TrackedShipmentChange[]> {
    const changes = await deps.profiles.recordTrackingReport(trackingNumber, update.report);
    for (const change of changes) await deps.onShipmentTracked?.(change);
    return changes;
  }

  async function applyPending(trackingNumber: string): Promise<TrackedShipmentChange[]> {
    const waiting = await deps.store.pendingFor(trackingNumber);
    if (!waiting) return [];
    const changes: TrackedShipmentChange[] = [];
    for (const report of waiting.reports) changes.push(...(await apply(trackingNumber, { report })));
    // Removed only once applied: a crash before this applies them again (idempotent) next time.
    await deps.store.removePending(trackingNumber);
    return changes;
  }

  function outcomeOf(changes: readonly TrackedShipmentChange[]): TrackingOutcome {
    return {
      outcome: changes.some((change) => change.changed) ? 'recorded' : 'unchanged',
      orderNumbers: [...new Set(changes.map((change) => change.order.number))],
    };
  }

  return {
    async record(update: TrackingUpdate): Promise<TrackingOutcome> {
      const changes = await apply(update.trackingNumber, update);
      if (changes.length > 0) return outcomeOf(changes);
      await deps.store.addPending(update.provider, update.trackingNumber, update.report, clock());
      // The order may have been ingested between the lookup and the pending write: apply now.
      if ((await deps.profiles.shipmentsByTrackingNumber(update.trackingNumber)).length > 0) {
        return outcomeOf(await applyPending(update.trackingNumber));
      }
      return { outcome: 'pending', orderNumbers: [] };
    },

    /** Applies what waited for this order's tracking numbers (one `_id` read per shipment). */
    async applyPendingTo(order: Pick<Order, 'shipments'>): Promise<void> {
      for (const shipment of order.shipments) await applyPending(shipment.trackingNumber);
    },
  };
}
