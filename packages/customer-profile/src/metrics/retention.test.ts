import { describe, expect, it } from 'vitest';
import {
  averageOrderValue,
  churnRate,
  customerRetentionRate,
  purchaseFrequency,
  repeatPurchaseRate,
  retentionReport,
  type CustomerPurchases,
} from './retention.ts';

describe('retention formulas', () => {
  it('computes CRR = (E − N) / S × 100 (worked example: S=200, N=40, E=180 → 70%)', () => {
    expect(customerRetentionRate({ atStart: 200, atEnd: 180, acquired: 40 })).toBe(70);
    expect(customerRetentionRate({ atStart: 0, atEnd: 10, acquired: 10 })).toBeNull();
  });

  it('computes churn, repeat purchase rate, purchase frequency and AOV', () => {
    expect(churnRate({ atStart: 200, lost: 60 })).toBe(30);
    expect(repeatPurchaseRate({ buyers: 400, repeatBuyers: 100 })).toBe(25);
    expect(purchaseFrequency({ orders: 600, buyers: 400 })).toBe(1.5);
    expect(averageOrderValue({ revenue: 3_000_000, orders: 600 })).toBe(5_000);
  });
});

describe('retentionReport', () => {
  const at = (iso: string): Date => new Date(`${iso}T12:00:00Z`);
  const customer = (id: string, ...purchases: Array<[string, number]>): CustomerPurchases => ({
    customerId: id,
    purchases: purchases.map(([date, net]) => ({ placedAt: at(date), net })),
  });
  // Period: Q1 2026. Active window: 90 days.
  const period = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') };
  const customers = [
    customer('retained', ['2025-12-01', 10_000], ['2026-02-01', 20_000], ['2026-03-01', 30_000]),
    customer('lost', ['2025-11-15', 5_000]),
    customer('new', ['2026-03-10', 8_000]),
    customer('old-and-gone', ['2024-01-01', 1_000]),
    customer('after-period', ['2026-05-01', 9_999]),
  ];
  const report = retentionReport(customers, period, 90);

  it('counts customers at start and end, new and lost', () => {
    expect(report.customersAtStart).toBe(2); // retained, lost
    expect(report.customersAtEnd).toBe(2); // retained, new
    expect(report.newCustomers).toBe(1);
    expect(report.lostCustomers).toBe(1);
    expect(report.customerRetentionRate).toBe(50); // (2 − 1) / 2
    expect(report.churnRate).toBe(50);
  });

  it('computes purchase metrics from purchases inside the period only', () => {
    expect(report.orders).toBe(3);
    expect(report.revenue).toBe(58_000);
    expect(report.buyers).toBe(2);
    expect(report.repeatBuyers).toBe(1);
    expect(report.repeatPurchaseRate).toBe(50);
    expect(report.purchaseFrequency).toBe(1.5);
    expect(report.averageOrderValue).toBeCloseTo(19_333.33, 2);
    // LTV up to the end, over the 4 customers who had bought by then: (60,000 + 5,000 + 8,000 + 1,000) / 4
    expect(report.averageLifetimeValue).toBe(18_500);
  });
});
