import { describe, expect, it } from 'vitest';
import type { Shipment, TrackingEvent, TrackingReport } from '../schemas/order.ts';
import { applyTrackingReport, keepTrackedState, mergeDeliveryEstimates, normalizeTrackingNumber } from './shipment-tracking.ts';

const at = (hour: number): Date => new Date(Date.UTC(2026, 11, 1, hour));
const event = (hour: number, status: TrackingEvent['status'], id: string): TrackingEvent => ({
  id,
  at: at(hour),
  status,
  description: `${status} at ${hour}`,
});
const shipment: Shipment = {
  id: 'shp_1',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  status: 'in_transit',
  shippedAt: at(0),
  estimatedDelivery: at(48),
  events: [],
};
const report = (hour: number, status: TrackingEvent['status'], events: TrackingEvent[], estimate?: number): TrackingReport => ({
  reportedAt: at(hour),
  status,
  carrierStatus: status.toUpperCase(),
  events,
  ...(estimate === undefined ? {} : { estimatedDelivery: at(estimate) }),
});

describe('applyTrackingReport', () => {
  it('stores each event once, oldest first, whatever order the reports arrive in', () => {
    const first = report(5, 'in_transit', [event(1, 'label_created', 'a'), event(5, 'in_transit', 'b')]);
    const second = report(9, 'out_for_delivery', [event(1, 'label_created', 'a'), event(5, 'in_transit', 'b'), event(9, 'out_for_delivery', 'c')]);
    const inOrder = applyTrackingReport(applyTrackingReport(shipment, first), second);
    const reversed = applyTrackingReport(applyTrackingReport(shipment, second), first);
    expect(inOrder).toEqual(reversed);
    expect(inOrder.events.map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(inOrder).toMatchObject({ status: 'out_for_delivery', carrierStatus: 'OUT_FOR_DELIVERY', trackedAt: at(9) });
  });

  it("takes the provider's tracking page only when the shop gave none", () => {
    const page = 'https://track.example/1Z999';
    expect(applyTrackingReport(shipment, { ...report(5, 'in_transit', []), trackingUrl: page }).trackingUrl).toBe(page);
    const shops = { ...shipment, trackingUrl: 'https://shop.example/track' };
    expect(applyTrackingReport(shops, { ...report(5, 'in_transit', []), trackingUrl: page }).trackingUrl).toBe(shops.trackingUrl);
  });

  it('keeps at most 100 events, dropping the oldest', () => {
    const many = Array.from({ length: 120 }, (_, i) => event(i, 'in_transit', `e${i}`));
    const after = applyTrackingReport(shipment, report(130, 'in_transit', many));
    expect(after.events).toHaveLength(100);
    expect(after.events[0]?.id).toBe('e20');
  });

  it('records revised estimates after the original promise, and sets deliveredAt on delivery', () => {
    const later = applyTrackingReport(shipment, report(10, 'delayed', [event(10, 'delayed', 'd')], 96));
    expect(later.estimatedDelivery).toEqual(at(96));
    expect(later.estimatedDeliveryHistory).toEqual([
      { estimatedDelivery: at(48), reportedAt: at(0) },
      { estimatedDelivery: at(96), reportedAt: at(10) },
    ]);
    const delivered = applyTrackingReport(later, report(90, 'delivered', [event(90, 'delivered', 'e')], 96));
    expect(delivered.estimatedDeliveryHistory).toHaveLength(2);
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: at(90) });
  });

  it('bounds the estimate history, keeping the promise', () => {
    let history = [{ estimatedDelivery: at(48), reportedAt: at(0) }];
    for (let i = 1; i <= 15; i++) history = mergeDeliveryEstimates(history, { estimatedDelivery: at(48 + i), reportedAt: at(i) });
    expect(history).toHaveLength(10);
    expect(history[0]?.estimatedDelivery).toEqual(at(48));
    expect(history[9]?.estimatedDelivery).toEqual(at(63));
  });
});

describe('keepTrackedState', () => {
  it('keeps what a tracking provider reported when a shop platform re-sends the shipment', () => {
    const tracked = applyTrackingReport(shipment, report(10, 'exception', [event(10, 'exception', 'x')], 96));
    const [kept] = keepTrackedState([tracked], [{ ...shipment, status: 'in_transit', events: [] }]);
    expect(kept).toMatchObject({ status: 'exception', estimatedDelivery: at(96), trackedAt: at(10) });
    expect(kept?.events.map((e) => e.id)).toEqual(['x']);
    expect(keepTrackedState([shipment], [{ ...shipment, status: 'delivered' }])[0]?.status).toBe('delivered');
  });
});

describe('normalizeTrackingNumber', () => {
  it('ignores case, spaces and dashes', () => {
    expect(normalizeTrackingNumber(' 1z 999-aa1 ')).toBe('1Z999AA1');
  });
});
