import { describe, expect, it } from 'vitest';
import { plannedEvents, shipmentEndsAt, trackShipment, type ShipmentPlan } from './shipment.ts';

const hour = 3_600_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const at = (hours: number): Date => new Date(t0 + hours * hour);

const domestic: ShipmentPlan = {
  id: 'shp_1_1',
  carrier: 'USPS',
  trackingNumber: '9400100000000000000000',
  lane: { origin: 'Reno, NV, US', hub: 'Troutdale, OR, US', destination: 'Portland, OR, US' },
  labelAt: at(0),
  pickupAt: at(6),
  estimatedDelivery: at(100),
  arrival: at(96),
  deliveryNote: 'Delivered, left at front door',
};

describe('trackShipment', () => {
  it('does not exist before its label is created', () => {
    expect(trackShipment(domestic, at(-1))).toBeUndefined();
  });

  it('follows the parcel from label to doorstep', () => {
    expect(trackShipment(domestic, at(1))).toMatchObject({
      status: 'label_created',
      events: [{ status: 'label_created' }],
    });
    expect(trackShipment(domestic, at(1))?.shippedAt).toBeUndefined();
    expect(trackShipment(domestic, at(30))).toMatchObject({ status: 'in_transit', shippedAt: at(6) });
    expect(trackShipment(domestic, at(93))?.status).toBe('out_for_delivery');
    const delivered = trackShipment(domestic, at(200));
    expect(delivered).toMatchObject({ status: 'delivered', deliveredAt: at(96), estimatedDelivery: at(100) });
    expect(delivered?.events?.map((event) => event.status)).toEqual([
      'label_created',
      'in_transit',
      'in_transit',
      'in_transit',
      'in_transit',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
    expect(delivered?.events?.at(-1)).toMatchObject({
      location: 'Portland, OR, US',
      description: 'Delivered, left at front door',
    });
  });

  it('shows only the events that have happened, oldest first', () => {
    const events = trackShipment(domestic, at(50))?.events ?? [];
    const times = events.map((event) => event.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(at(50).getTime());
    expect(events.length).toBeLessThan(plannedEvents(domestic).length);
  });

  it('routes an international parcel through export and customs', () => {
    const international: ShipmentPlan = {
      ...domestic,
      lane: {
        origin: 'Reno, NV, US',
        exportGateway: 'Los Angeles LAX, CA, US',
        importHub: 'Taoyuan Airport, TW',
        hub: 'Taipei, TW',
        destination: 'Taipei, TW',
      },
      arrival: at(200),
      estimatedDelivery: at(200),
    };
    const descriptions = plannedEvents(international).map((event) => `${event.location}: ${event.description}`);
    expect(descriptions).toContain('Los Angeles LAX, CA, US: Arrived at international export facility');
    expect(descriptions).toContain('Taoyuan Airport, TW: Cleared customs');
  });

  it('reports a delay, revises the estimate and delivers late', () => {
    const delayed: ShipmentPlan = {
      ...domestic,
      incident: { kind: 'delay', at: at(40), hours: 48, reason: 'Weather delay at sort facility' },
    };
    expect(trackShipment(delayed, at(39))).toMatchObject({ status: 'in_transit', estimatedDelivery: at(100) });
    expect(trackShipment(delayed, at(41))).toMatchObject({ status: 'delayed', estimatedDelivery: at(148) });
    expect(trackShipment(delayed, at(41))?.events?.at(-1)?.description).toBe('Weather delay at sort facility');
    expect(trackShipment(delayed, at(96 + 47))?.status).not.toBe('delivered');
    expect(trackShipment(delayed, at(500))).toMatchObject({ status: 'delivered', deliveredAt: at(144) });
    expect(shipmentEndsAt(delayed)).toEqual(at(144));
  });

  it('goes quiet on a lost parcel, opens a trace, then declares it lost', () => {
    const lost: ShipmentPlan = { ...domestic, incident: { kind: 'loss', at: at(20) } };
    expect(trackShipment(lost, at(96 + 47))?.status).toBe('in_transit');
    expect(trackShipment(lost, at(96 + 49))?.status).toBe('delayed');
    const declared = trackShipment(lost, at(96 + 48 + 240 + 1));
    expect(declared?.status).toBe('lost');
    expect(declared?.deliveredAt).toBeUndefined();
    expect(
      declared?.events?.filter((event) => event.status === 'in_transit').every((event) => event.at <= at(20)),
    ).toBe(true);
    expect(shipmentEndsAt(lost)).toEqual(at(96 + 48 + 240));
  });
});
