import { describe, expect, it } from 'vitest';
import { orderInputSchema, shipmentStatuses, type ParsedOrderInput } from '../schemas/order.ts';
import { createDemoData, demoCustomerCount } from './demo-data.ts';
import { demoOrderCount } from './demo-customers.ts';

const now = new Date('2026-11-23T12:00:00Z');
const day = 86_400_000;

function all(seed: number, from: number, to: number): ParsedOrderInput[][] {
  return [...createDemoData({ seed, now }).customers(from, to)].map((customer) => customer.orders);
}

describe('createDemoData', () => {
  const customers = all(42, 0, 3000);
  const orders = customers.flat();

  it('gives byte-identical data for the same seed and different data for another', () => {
    expect(JSON.stringify(all(42, 0, 400))).toBe(JSON.stringify(customers.slice(0, 400)));
    expect(JSON.stringify(all(43, demoCustomerCount, 400))).not.toBe(
      JSON.stringify(customers.slice(demoCustomerCount, 400)),
    );
  });

  it('generates any range exactly as a longer run does, order numbers included', () => {
    expect(JSON.stringify(all(42, 1234, 1300))).toBe(JSON.stringify(customers.slice(1234, 1300)));
    expect(JSON.stringify(all(42, 5, 20))).toBe(JSON.stringify(customers.slice(5, 20)));
  });

  it('numbers orders 1001, 1002, … without gaps: the demo block first, then each customer in turn', () => {
    const numbers = orders.map((order) => Number(order.number));
    expect([...numbers].sort((a, b) => a - b)).toEqual(orders.map((_, index) => 1001 + index));
    const generated = customers
      .slice(demoCustomerCount)
      .flat()
      .map((order) => Number(order.number));
    expect(generated).toEqual(generated.map((_, index) => 1001 + demoOrderCount + index));
  });

  it('produces only orders the order schema accepts unchanged, in USD and whole cents', () => {
    for (const order of orders) {
      expect(orderInputSchema.parse(order)).toEqual(order);
      expect(order.currency).toBe('USD');
      const { subtotal, discount, shipping, tax, total, refunded } = order.totals;
      expect(total).toBe(subtotal - discount + shipping + tax);
      expect(subtotal).toBe(order.lineItems.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0));
      expect(refunded).toBeLessThanOrEqual(total);
    }
  });

  it('places everything in the two years before now and never dates a change after it', () => {
    for (const order of orders) {
      expect(order.placedAt.getTime()).toBeGreaterThanOrEqual(now.getTime() - 730 * day);
      expect(order.placedAt.getTime()).toBeLessThan(now.getTime());
      expect(order.updatedAt?.getTime()).toBeLessThanOrEqual(now.getTime());
      for (const event of order.shipments.flatMap((shipment) => shipment.events))
        expect(event.at.getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('has most customers buying once and a loyal few buying ten times or more', () => {
    const generated = customers.slice(demoCustomerCount);
    const share = (test: (count: number) => boolean): number =>
      generated.filter((c) => test(c.length)).length / generated.length;
    expect(share((count) => count === 1)).toBeGreaterThan(0.55);
    expect(share((count) => count === 1)).toBeLessThan(0.65);
    expect(share((count) => count >= 10)).toBeGreaterThan(0.025);
    expect(share((count) => count >= 10)).toBeLessThan(0.07);
  });

  it('covers every locale, destination, order status and shipment status', () => {
    expect(new Set(orders.map((order) => order.customer.locale))).toEqual(
      new Set(['en-US', 'en-GB', 'en-CA', 'zh-CN', 'zh-TW']),
    );
    expect(new Set(orders.map((order) => order.shippingAddress?.country))).toEqual(
      new Set(['US', 'CA', 'GB', 'AU', 'CN', 'TW', 'HK']),
    );
    expect(new Set(orders.map((order) => order.status))).toEqual(
      new Set(['pending', 'paid', 'processing', 'partially_shipped', 'shipped', 'delivered', 'cancelled', 'refunded']),
    );
    // Failed attempts, exceptions and returns come only from carrier tracking providers, not the seed.
    const trackingOnly = new Set(['failed_attempt', 'exception', 'returned']);
    expect(new Set(orders.flatMap((order) => order.shipments.map((shipment) => shipment.status)))).toEqual(
      new Set(shipmentStatuses.filter((status) => !trackingOnly.has(status))),
    );
  });

  it('has recent orders on their way and old ones settled', () => {
    const settled = (order: ParsedOrderInput): boolean => ['delivered', 'cancelled', 'refunded'].includes(order.status);
    const recent = orders.filter((order) => now.getTime() - order.placedAt.getTime() < 5 * day);
    const old = orders.filter((order) => now.getTime() - order.placedAt.getTime() > 60 * day);
    expect(recent.filter(settled).length / recent.length).toBeLessThan(0.3);
    expect(old.filter(settled).length / old.length).toBeGreaterThan(0.99);
    expect(orders.filter((order) => order.status === 'cancelled').length / orders.length).toBeGreaterThan(0.015);
    expect(orders.filter((order) => order.status === 'refunded').length / orders.length).toBeGreaterThan(0.015);
  });

  it('gives shipments tracking events with time, location and description, and an estimated delivery', () => {
    const shipments = orders.flatMap((order) => order.shipments);
    for (const shipment of shipments) {
      expect(shipment.events.length).toBeGreaterThan(0);
      expect(shipment.estimatedDelivery).toBeInstanceOf(Date);
      for (const event of shipment.events) {
        expect(event.location).toMatch(/, [A-Z]{2}$/);
        expect(event.description.length).toBeGreaterThan(5);
      }
    }
    expect(new Set(shipments.map((shipment) => shipment.trackingNumber)).size).toBe(shipments.length);
  });

  it('batches whole customers, about batchSize orders each, covering the range once', () => {
    const batches = [...createDemoData({ seed: 42, now }).batches({ from: 3, to: 900, batchSize: 250 })];
    expect(batches[0]?.from).toBe(3);
    expect(batches.at(-1)?.to).toBe(900);
    batches.forEach((batch, index) => {
      if (index > 0) expect(batch.from).toBe(batches[index - 1]?.to);
      if (index < batches.length - 1) expect(batch.orders.length).toBeGreaterThanOrEqual(250);
    });
    expect(batches.flatMap((batch) => batch.orders)).toEqual(customers.slice(3, 900).flat());
  });
});
