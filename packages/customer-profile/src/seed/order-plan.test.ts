import { describe, expect, it } from 'vitest';
import { orderInputSchema } from '../schemas/order.ts';
import { lineItemsFor } from './catalog.ts';
import { orderAt, orderTotals, type OrderPlan } from './order-plan.ts';
import type { ShipmentPlan } from './shipment.ts';

const hour = 3_600_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const at = (hours: number): Date => new Date(t0 + hours * hour);

const shipment = (id: string, labelHours: number, arrivalHours: number): ShipmentPlan => ({
  id,
  carrier: 'UPS',
  trackingNumber: `1ZA84R27000000000${id.slice(-1)}`,
  lane: { origin: 'Reno, NV, US', hub: 'Kent, WA, US', destination: 'Seattle, WA, US' },
  labelAt: at(labelHours),
  pickupAt: at(labelHours + 4),
  estimatedDelivery: at(arrivalHours),
  arrival: at(arrivalHours),
  deliveryNote: 'Delivered to mailbox',
});

const plan: OrderPlan = {
  number: '5001',
  customer: { id: 'cus_000001', email: 'ada.lovelace1@example.com', name: 'Ada Lovelace', locale: 'en-GB' },
  placedAt: at(0),
  lineItems: lineItemsFor([
    ['TEA-JAS-100', 2],
    ['WARE-GAI-150', 1],
  ]),
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '415 Pine St',
    city: 'Seattle',
    region: 'WA',
    postalCode: '98101',
    country: 'US',
  },
  shippingFee: 695,
  salesTax: 0.1035,
  discount: 640,
  paidAt: at(0.1),
  processingAt: at(2),
  shipments: [shipment('shp_5001_1', 10, 80)],
};

describe('orderTotals', () => {
  it('charges subtotal − discount + shipping + tax on the discounted subtotal, in whole cents', () => {
    // 2 × 1800 + 2800 = 6400; 10% off = 640; tax 10.35% of 5760 = 596.16 → 596
    expect(orderTotals(plan)).toEqual({
      subtotal: 6400,
      discount: 640,
      shipping: 695,
      tax: 596,
      total: 6400 - 640 + 695 + 596,
    });
  });
});

describe('orderAt', () => {
  it('moves through pending, paid, processing, shipped and delivered as time passes', () => {
    expect(orderAt(plan, at(0.05)).status).toBe('pending');
    expect(orderAt(plan, at(1)).status).toBe('paid');
    expect(orderAt(plan, at(11))).toMatchObject({ status: 'processing', shipments: [{ status: 'label_created' }] });
    expect(orderAt(plan, at(20))).toMatchObject({ status: 'shipped', shipments: [{ status: 'in_transit' }] });
    expect(orderAt(plan, at(81))).toMatchObject({
      status: 'delivered',
      shipments: [{ status: 'delivered', deliveredAt: at(80) }],
    });
  });

  it('dates the order by its latest change, which a newer delivery then supersedes', () => {
    expect(orderAt(plan, at(0.05)).updatedAt).toEqual(at(0));
    expect(orderAt(plan, at(1)).updatedAt).toEqual(at(0.1));
    expect(orderAt(plan, at(500)).updatedAt).toEqual(at(80));
  });

  it('produces input the order schema accepts unchanged', () => {
    for (const hours of [0.05, 1, 11, 20, 81]) {
      const order = orderAt(plan, at(hours));
      expect(orderInputSchema.parse(order)).toEqual(order);
    }
  });

  it('cancels before shipping and refunds what was paid', () => {
    const cancelled = orderAt({ ...plan, cancelledAt: at(5), shipments: [] }, at(6));
    expect(cancelled).toMatchObject({ status: 'cancelled', shipments: [], updatedAt: at(5) });
    expect(cancelled.totals.refunded).toBe(cancelled.totals.total);
  });

  it('marks a full refund as refunded and keeps a partial one on a delivered order', () => {
    const returned = orderAt({ ...plan, refund: { at: at(300), amount: 'full' } }, at(301));
    expect(returned.status).toBe('refunded');
    expect(returned.totals.refunded).toBe(returned.totals.total);
    const partial = orderAt({ ...plan, refund: { at: at(300), amount: 1800 } }, at(301));
    expect(partial.status).toBe('delivered');
    expect(partial.totals.refunded).toBe(1800);
    expect(orderAt({ ...plan, refund: { at: at(300), amount: 'full' } }, at(299)).totals.refunded).toBe(0);
  });

  it('is partially shipped while a second parcel waits for its label', () => {
    const split = { ...plan, shipments: [shipment('shp_5001_1', 10, 80), shipment('shp_5001_2', 60, 130)] };
    expect(orderAt(split, at(20)).status).toBe('partially_shipped');
    expect(orderAt(split, at(20)).shipments).toHaveLength(1);
    expect(orderAt(split, at(90)).status).toBe('shipped');
    expect(orderAt(split, at(131)).status).toBe('delivered');
  });

  it('refuses a time before the order was placed', () => {
    expect(() => orderAt(plan, at(-1))).toThrow(RangeError);
  });
});
