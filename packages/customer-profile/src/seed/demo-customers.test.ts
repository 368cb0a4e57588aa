import { describe, expect, it } from 'vitest';
import { orderInputSchema } from '../schemas/order.ts';
import { createDemoData, demoCustomerCount } from './demo-data.ts';
import { demoCustomers, demoOrderIndex, demoOrders, firstOrderNumber } from './demo-customers.ts';

const now = new Date('2026-11-23T12:00:00Z');
const hour = 3_600_000;

describe('demo customers', () => {
  const orders = demoOrders(now);
  const order = (number: string) => {
    const found = orders.find((candidate) => candidate.number === number);
    if (!found) throw new Error(`no demo order ${number}`);
    return found;
  };

  it('are the same for every seed', () => {
    const first = (seed: number) => JSON.stringify([...createDemoData({ seed, now }).customers(0, demoCustomerCount)]);
    expect(first(1)).toBe(first(987_654));
  });

  it('hold orders 1001–1046, numbered in the order they were placed, all valid', () => {
    expect(orders.map((o) => o.number)).toEqual(orders.map((_, i) => String(firstOrderNumber + i)));
    expect(orders.at(-1)?.number).toBe('1046');
    for (let i = 1; i < orders.length; i++) {
      expect(orders[i]?.placedAt.getTime()).toBeGreaterThan(orders[i - 1]?.placedAt.getTime() ?? 0);
    }
    for (const o of orders) expect(orderInputSchema.parse(o)).toEqual(o);
  });

  it('have order 1042: Alice Walker, UPS, in transit, due in about two days', () => {
    const alice = order('1042');
    expect(alice.customer).toEqual({
      id: 'cus_demo_alice',
      email: 'alice.walker@example.com',
      name: 'Alice Walker',
      locale: 'en-US',
    });
    expect(alice.status).toBe('shipped');
    expect(alice.shipments).toHaveLength(1);
    const [shipment] = alice.shipments;
    expect(shipment).toMatchObject({ carrier: 'UPS', trackingNumber: '1ZA84R271659451643', status: 'in_transit' });
    const due = (shipment?.estimatedDelivery?.getTime() ?? 0) - now.getTime();
    expect(due).toBeGreaterThan(40 * hour);
    expect(due).toBeLessThan(56 * hour);
    expect(shipment?.events.at(-1)).toMatchObject({ status: 'in_transit', location: 'Troutdale, OR, US' });
  });

  it('have one order in each state a shopper asks about, as documented', () => {
    const states = Object.fromEntries(
      ['1038', '1039', '1040', '1041', '1042', '1043', '1044', '1045', '1046'].map((number) => {
        const o = order(number);
        return [
          number,
          [o.customer.email, o.status, ...o.shipments.map((s) => `${s.carrier} ${s.trackingNumber} ${s.status}`)],
        ];
      }),
    );
    expect(states).toEqual({
      '1038': ['bob.tremblay@example.com', 'shipped', 'Canada Post LX075051085US lost'],
      '1039': ['grace.thompson@example.org', 'shipped', 'Royal Mail LX710477111US out_for_delivery'],
      '1040': ['zhang.wei@example.com', 'shipped', 'SF Express SF1440520066437 delayed'],
      '1041': ['emily.johnson@example.com', 'partially_shipped', 'USPS 9400195909040155436343 in_transit'],
      '1042': ['alice.walker@example.com', 'shipped', 'UPS 1ZA84R271659451643 in_transit'],
      '1043': ['meihua.lin@example.net', 'processing', 'Chunghwa Post RR352942467US label_created'],
      '1044': ['sam.rivera@example.com', 'processing'],
      '1045': ['chihming.chen@example.org', 'cancelled'],
      '1046': ['wang.fang@example.com', 'pending'],
    });
    expect(order('1040').shipments[0]?.events.at(-1)?.description).toBe('Held by customs for inspection');
    expect(order('1044').customer.id).toBeUndefined();
    expect(order('1006').status).toBe('refunded');
    expect(order('1035').totals.refunded).toBeGreaterThan(0);
  });

  it('keep their names, locales and scripts', () => {
    expect(demoCustomers.map((c) => [c.name, c.locale])).toEqual([
      ['Alice Walker', 'en-US'],
      ['Grace Thompson', 'en-GB'],
      ['张伟', 'zh-CN'],
      ['林美華', 'zh-TW'],
      ['Bob Tremblay', 'en-CA'],
      ['Olivia Brown', 'en-GB'],
      ['Sam Rivera', 'en-US'],
      ['陳志明', 'zh-TW'],
      ['Emily Johnson', 'en-US'],
      ['王芳', 'zh-CN'],
    ]);
    expect(demoOrderIndex().filter((entry) => entry.customer === 'grace')).toHaveLength(15);
  });

  it('move with the reference time and nothing else', () => {
    const later = new Date(now.getTime() + 7 * 24 * hour);
    const shifted = demoOrders(later);
    expect(shifted.map((o) => [o.number, o.status])).toEqual(orders.map((o) => [o.number, o.status]));
    expect(shifted.map((o) => o.placedAt.getTime() - later.getTime())).toEqual(
      orders.map((o) => o.placedAt.getTime() - now.getTime()),
    );
  });
});
