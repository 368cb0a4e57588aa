import type { RetentionReport } from '@loyaldesk/contracts/metrics-api';

/**
 * Retention metrics over a period, as the retention material defines them. All functions are pure;
 * the service feeds them each customer's purchases (see service/retention-report.ts).
 */

/** One customer's purchases: when, and net spend in minor units. */
export interface CustomerPurchases {
  customerId: string;
  purchases: ReadonlyArray<{ placedAt: Date; net: number }>;
}

/** A half-open period [start, end). */
export interface Period {
  start: Date;
  end: Date;
}

/**
 * Customer retention rate: CRR = (E − N) / S × 100, where S is customers at the start of the
 * period, E customers at the end, N new customers acquired during it. `null` when S = 0.
 * @example customerRetentionRate({ atStart: 200, atEnd: 180, acquired: 40 }) // 70
 */
export function customerRetentionRate(counts: { atStart: number; atEnd: number; acquired: number }): number | null {
  if (counts.atStart <= 0) return null;
  return ((counts.atEnd - counts.acquired) / counts.atStart) * 100;
}

/**
 * Churn rate: customers active at the start who are no longer active at the end, over S, × 100.
 * @example churnRate({ atStart: 200, lost: 60 }) // 30
 */
export function churnRate(counts: { atStart: number; lost: number }): number | null {
  if (counts.atStart <= 0) return null;
  return (counts.lost / counts.atStart) * 100;
}

/**
 * Repeat purchase rate: customers who bought more than once in the period, over customers who
 * bought in it, × 100.
 * @example repeatPurchaseRate({ buyers: 400, repeatBuyers: 100 }) // 25
 */
export function repeatPurchaseRate(counts: { buyers: number; repeatBuyers: number }): number | null {
  if (counts.buyers <= 0) return null;
  return (counts.repeatBuyers / counts.buyers) * 100;
}

/**
 * Purchase frequency: orders in the period per customer who bought in it.
 * @example purchaseFrequency({ orders: 600, buyers: 400 }) // 1.5
 */
export function purchaseFrequency(counts: { orders: number; buyers: number }): number | null {
  if (counts.buyers <= 0) return null;
  return counts.orders / counts.buyers;
}

/**
 * Average order value: net revenue in the period over orders in it (minor units).
 * @example averageOrderValue({ revenue: 3_000_000, orders: 600 }) // 5_000
 */
export function averageOrderValue(counts: { revenue: number; orders: number }): number | null {
  if (counts.orders <= 0) return null;
  return counts.revenue / counts.orders;
}

/** The retention metrics of a period; its schema is the contracts' (the ticketing dashboard serves it). */
export type { RetentionReport };

const dayMs = 86_400_000;

/**
 * Computes every retention metric for a period from customers' purchases. "Customers at" an
 * instant t are those with a purchase in [t − activeWindowDays, t); "new" customers made their
 * first purchase ever inside the period.
 */
export function retentionReport(
  customers: Iterable<CustomerPurchases>,
  period: Period,
  activeWindowDays = 365,
): RetentionReport {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const windowMs = activeWindowDays * dayMs;
  const activeAt = (times: number[], t: number): boolean => times.some((p) => p >= t - windowMs && p < t);

  let atStart = 0;
  let atEnd = 0;
  let acquired = 0;
  let lost = 0;
  let buyers = 0;
  let repeatBuyers = 0;
  let orders = 0;
  let revenue = 0;
  let ltvSum = 0;
  let ltvCustomers = 0;

  for (const customer of customers) {
    const times = customer.purchases.map((p) => p.placedAt.getTime());
    if (times.length === 0) continue;
    const first = Math.min(...times);
    const activeAtStart = activeAt(times, start);
    const activeAtEnd = activeAt(times, end);
    if (activeAtStart) atStart++;
    if (activeAtEnd) atEnd++;
    if (activeAtStart && !activeAtEnd) lost++;
    if (first >= start && first < end) acquired++;

    let inPeriod = 0;
    let lifetime = 0;
    for (const purchase of customer.purchases) {
      const t = purchase.placedAt.getTime();
      if (t < end) lifetime += purchase.net;
      if (t >= start && t < end) {
        inPeriod++;
        revenue += purchase.net;
      }
    }
    orders += inPeriod;
    if (inPeriod > 0) buyers++;
    if (inPeriod > 1) repeatBuyers++;
    if (first < end) {
      ltvSum += lifetime;
      ltvCustomers++;
    }
  }

  return {
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    activeWindowDays,
    customersAtStart: atStart,
    customersAtEnd: atEnd,
    newCustomers: acquired,
    lostCustomers: lost,
    buyers,
    repeatBuyers,
    orders,
    revenue,
    customerRetentionRate: customerRetentionRate({ atStart, atEnd, acquired }),
    churnRate: churnRate({ atStart, lost }),
    repeatPurchaseRate: repeatPurchaseRate({ buyers, repeatBuyers }),
    purchaseFrequency: purchaseFrequency({ orders, buyers }),
    averageOrderValue: averageOrderValue({ revenue, orders }),
    averageLifetimeValue: ltvCustomers > 0 ? ltvSum / ltvCustomers : null,
  };
}
