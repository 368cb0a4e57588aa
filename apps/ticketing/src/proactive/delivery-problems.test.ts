import { describe, expect, it } from 'vitest';
import type { Shipment } from '@loyaldesk/customer-profile/schemas';
import { deliveryProblemsOf, issueKindOfProblem } from './delivery-problems.ts';

const day = 86_400_000;
const promise = new Date('2026-12-03T00:00:00Z');
const shipment: Shipment = { id: 'shp_1', carrier: 'UPS', trackingNumber: '1Z1', status: 'in_transit', estimatedDelivery: promise, events: [] };
const revised = (days: number, status: Shipment['status'] = 'in_transit'): Shipment => ({
  ...shipment,
  status,
  estimatedDelivery: new Date(promise.getTime() + days * day),
  estimatedDeliveryHistory: [
    { estimatedDelivery: promise, reportedAt: new Date('2026-11-29T00:00:00Z') },
    { estimatedDelivery: new Date(promise.getTime() + days * day), reportedAt: new Date('2026-12-02T00:00:00Z') },
  ],
});

describe('deliveryProblemsOf', () => {
  it('names a troubled status, and an estimate that slipped past the threshold', () => {
    expect(deliveryProblemsOf(shipment, 48)).toEqual([]);
    expect(deliveryProblemsOf({ ...shipment, status: 'failed_attempt' }, 48)).toEqual(['failed_attempt']);
    expect(deliveryProblemsOf({ ...shipment, status: 'lost' }, 48)).toEqual(['lost']);
    expect(deliveryProblemsOf(revised(2), 48)).toEqual([]);
    expect(deliveryProblemsOf(revised(3), 48)).toEqual(['estimate_slipped']);
    expect(deliveryProblemsOf(revised(3, 'delayed'), 48)).toEqual(['delayed', 'estimate_slipped']);
    expect(deliveryProblemsOf(revised(3, 'delivered'), 48)).toEqual([]);
    // Earlier than promised is good news, not a problem.
    expect(deliveryProblemsOf(revised(-3), 48)).toEqual([]);
  });
});

describe('issueKindOfProblem', () => {
  it('ranks a lost or returned parcel as missing and the rest as delayed', () => {
    expect(issueKindOfProblem('lost')).toBe('order_missing');
    expect(issueKindOfProblem('returned')).toBe('order_missing');
    expect(issueKindOfProblem('exception')).toBe('order_delayed');
    expect(issueKindOfProblem('estimate_slipped')).toBe('order_delayed');
  });
});
