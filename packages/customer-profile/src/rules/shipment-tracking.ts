import {
  deliveryEstimateLimit,
  trackingEventLimit,
  type DeliveryEstimate,
  type Shipment,
  type TrackingEvent,
  type TrackingReport,
} from '../schemas/order.ts';

/** An event's identity: the source's id when it gave one, else what it says and when. */
function eventKey(event: TrackingEvent): string {
  return event.id ?? `${event.at.toISOString()}|${event.status}|${event.description}`;
}

/**
 * Stored and new events as one list: each event once (by identity), oldest first whatever order
 * they arrived in, at most {@link trackingEventLimit} (the oldest dropped).
 */
export function mergeTrackingEvents(stored: readonly TrackingEvent[], incoming: readonly TrackingEvent[]): TrackingEvent[] {
  const byKey = new Map<string, TrackingEvent>();
  for (const event of [...stored, ...incoming]) {
    const key = eventKey(event);
    if (!byKey.has(key)) byKey.set(key, event);
  }
  // Array.prototype.sort is stable: events at the same instant keep their arrival order.
  const sorted = [...byKey.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
  return sorted.slice(Math.max(0, sorted.length - trackingEventLimit));
}

/**
 * The estimate history with one more report: ordered by report time, a report at a time already
 * known ignored, an estimate equal to the one before it not a revision. Bounded: the first entry
 * (the promise) and the newest ones are kept.
 */
export function mergeDeliveryEstimates(history: readonly DeliveryEstimate[], estimate: DeliveryEstimate): DeliveryEstimate[] {
  if (history.some((entry) => entry.reportedAt.getTime() === estimate.reportedAt.getTime())) return [...history];
  const sorted = [...history, estimate].sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime());
  const revisions = sorted.filter(
    (entry, index) => index === 0 || entry.estimatedDelivery.getTime() !== sorted[index - 1]?.estimatedDelivery.getTime(),
  );
  if (revisions.length <= deliveryEstimateLimit) return revisions;
  return [...revisions.slice(0, 1), ...revisions.slice(revisions.length - (deliveryEstimateLimit - 1))];
}

/**
 * A shipment after a tracking report: its events merged (once each, in time order), its status and
 * carrier status from the newest report (an older report arriving late only adds its events), and
 * a changed delivery estimate recorded as a revision. Pure and order-independent: the same reports
 * in any order give the same shipment.
 */
export function applyTrackingReport(shipment: Shipment, report: TrackingReport): Shipment {
  const events = mergeTrackingEvents(shipment.events, report.events);
  const isNewest = !shipment.trackedAt || report.reportedAt.getTime() >= shipment.trackedAt.getTime();
  const status = isNewest ? report.status : shipment.status;
  const carrierStatus = isNewest ? report.carrierStatus : shipment.carrierStatus;

  let history = shipment.estimatedDeliveryHistory ?? [];
  if (report.estimatedDelivery) {
    // The estimate the shop gave before any provider spoke is the first promise.
    if (history.length === 0 && shipment.estimatedDelivery) {
      history = [{ estimatedDelivery: shipment.estimatedDelivery, reportedAt: shipment.shippedAt ?? new Date(0) }];
    }
    history = mergeDeliveryEstimates(history, { estimatedDelivery: report.estimatedDelivery, reportedAt: report.reportedAt });
  }
  const estimatedDelivery = history[history.length - 1]?.estimatedDelivery ?? shipment.estimatedDelivery;
  const deliveredEvent = status === 'delivered' ? [...events].reverse().find((event) => event.status === 'delivered') : undefined;
  const deliveredAt = status === 'delivered' ? (deliveredEvent?.at ?? shipment.deliveredAt ?? report.reportedAt) : undefined;
  const trackedAt = isNewest ? report.reportedAt : shipment.trackedAt;

  const { deliveredAt: _deliveredAt, estimatedDelivery: _estimatedDelivery, estimatedDeliveryHistory: _history, ...rest } = shipment;
  return {
    ...rest,
    status,
    ...(carrierStatus ? { carrierStatus } : {}),
    ...(!shipment.trackingUrl && report.trackingUrl ? { trackingUrl: report.trackingUrl } : {}),
    ...(estimatedDelivery ? { estimatedDelivery } : {}),
    ...(history.length > 0 ? { estimatedDeliveryHistory: history } : {}),
    ...(deliveredAt ? { deliveredAt } : {}),
    ...(trackedAt ? { trackedAt } : {}),
    events,
  };
}

/**
 * Shipments a source sends again (a shop platform's order update) with what tracking providers
 * reported kept: a shipment a provider has reported on keeps its status, estimates and delivery
 * time, and its events are merged with the source's.
 */
export function keepTrackedState(stored: readonly Shipment[], incoming: readonly Shipment[]): Shipment[] {
  return incoming.map((shipment) => {
    const before = stored.find((candidate) => candidate.id === shipment.id);
    if (!before?.trackedAt) return shipment;
    const { deliveredAt: _deliveredAt, estimatedDelivery: _estimatedDelivery, ...rest } = shipment;
    return {
      ...rest,
      status: before.status,
      ...(before.carrierStatus ? { carrierStatus: before.carrierStatus } : {}),
      ...(before.estimatedDelivery ? { estimatedDelivery: before.estimatedDelivery } : {}),
      ...(before.estimatedDeliveryHistory ? { estimatedDeliveryHistory: before.estimatedDeliveryHistory } : {}),
      ...(before.deliveredAt ? { deliveredAt: before.deliveredAt } : {}),
      trackedAt: before.trackedAt,
      events: mergeTrackingEvents(before.events, shipment.events),
    };
  });
}

/**
 * A tracking number as the lookup keys it: letters upper-cased, spaces and dashes dropped
 * ("1z 999-aa1" and "1Z999AA1" are one parcel).
 */
export function normalizeTrackingNumber(trackingNumber: string): string {
  return trackingNumber.replace(/[\s-]/g, '').toUpperCase();
}
