import { describe, expect, it } from 'vitest';
import {
  createCustomerGenerator,
  maxOrdersPerCustomer,
  orderCountFromUniform,
  shopCustomerId,
} from './generate-customer.ts';

const now = new Date('2026-11-23T12:00:00Z');

describe('orderCountFromUniform', () => {
  it('follows the truncated Pareto: 60% buy once, about 4.5% ten times or more, none above the maximum', () => {
    const steps = 200_000;
    const counts = Array.from({ length: steps }, (_, i) => orderCountFromUniform((i + 0.5) / steps));
    const share = (test: (count: number) => boolean): number => counts.filter(test).length / steps;
    expect(share((count) => count === 1)).toBeCloseTo(0.6, 2);
    expect(share((count) => count >= 10)).toBeGreaterThan(0.04);
    expect(share((count) => count >= 10)).toBeLessThan(0.05);
    expect(counts.reduce((a, b) => Math.min(a, b))).toBe(1);
    expect(counts.reduce((a, b) => Math.max(a, b))).toBe(maxOrdersPerCustomer);
    // Truncated, not clipped: the maximum is no more common than its neighbour.
    expect(share((count) => count === maxOrdersPerCustomer)).toBeLessThanOrEqual(
      share((count) => count === maxOrdersPerCustomer - 1),
    );
  });
});

describe('createCustomerGenerator', () => {
  it('depends only on seed and serial, not on what was generated before', () => {
    const fresh = createCustomerGenerator(42).customer(500, 9001, now);
    const used = createCustomerGenerator(42);
    for (let serial = 1; serial < 50; serial++) used.customer(serial, 2000 + serial, now);
    expect(JSON.stringify(used.customer(500, 9001, now))).toBe(JSON.stringify(fresh));
    expect(JSON.stringify(createCustomerGenerator(43).customer(500, 9001, now))).not.toBe(JSON.stringify(fresh));
  });

  it('reports the same order count it generates', () => {
    const generator = createCustomerGenerator(7);
    for (let serial = 1; serial <= 300; serial++) {
      expect(generator.customer(serial, 1, now).orders).toHaveLength(generator.orderCount(serial));
    }
  });

  it('numbers a customer\u2019s orders consecutively, oldest first, all in the two years before now', () => {
    const generator = createCustomerGenerator(42);
    const twoYearsAgo = now.getTime() - 730 * 86_400_000;
    for (let serial = 1; serial <= 300; serial++) {
      const { orders } = generator.customer(serial, 10_000, now);
      orders.forEach((order, index) => {
        expect(order.number).toBe(String(10_000 + index));
        expect(order.placedAt.getTime()).toBeLessThan(now.getTime());
        expect(order.placedAt.getTime()).toBeGreaterThanOrEqual(twoYearsAgo);
        if (index > 0)
          expect(order.placedAt.getTime()).toBeGreaterThanOrEqual(orders[index - 1]?.placedAt.getTime() ?? 0);
      });
    }
  });

  it('writes names and emails that fit the locale, unique emails, and shop ids like cus_000123', () => {
    const generator = createCustomerGenerator(42);
    const customers = Array.from({ length: 3000 }, (_, i) => generator.customer(i + 1, 1, now));
    expect(new Set(customers.map((customer) => customer.email)).size).toBe(3000);
    for (const customer of customers) {
      expect(customer.email).toMatch(/^[a-z._]*\d+@example\.(com|net|org)$/);
      if (customer.locale.startsWith('zh')) expect(customer.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      else expect(customer.name).toMatch(/^\S+ \S.*$/);
    }
    expect(shopCustomerId(123)).toBe('cus_000123');
    expect(customers[122]?.shopCustomerId ?? 'guest').toMatch(/^(cus_000123|guest)$/);
    const guests = customers.filter((customer) => !customer.shopCustomerId);
    expect(guests.length / customers.length).toBeGreaterThan(0.02);
    expect(guests.length / customers.length).toBeLessThan(0.07);
    expect(guests.every((guest) => guest.orders.length === 1)).toBe(true);
    // Simplified for the mainland, traditional for Taiwan: 张/陳 are each one script only.
    const zhCN = customers
      .filter((customer) => customer.locale === 'zh-CN')
      .map((customer) => customer.name)
      .join('');
    const zhTW = customers
      .filter((customer) => customer.locale === 'zh-TW')
      .map((customer) => customer.name)
      .join('');
    expect(zhCN).toContain('张');
    expect(zhCN).not.toContain('張');
    expect(zhTW).toContain('陳');
    expect(zhTW).not.toContain('陈');
  });
});
