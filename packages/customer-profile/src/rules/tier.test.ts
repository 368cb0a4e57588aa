import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../schemas/customer.ts';
import { defaultProfilePolicy } from '../schemas/policy.ts';
import { evaluateTier, tierTimeline } from './tier.ts';

const day = 86_400_000;
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (n: number): Date => new Date(now.getTime() - n * day);
const purchase = (orderId: string, placedAt: Date, net: number): LedgerEntry => ({
  orderId,
  placedAt,
  net,
  status: 'delivered',
  sourceUpdatedAt: placedAt,
});

describe('evaluateTier', () => {
  it('qualifies on spend or on order count, whichever is higher', () => {
    expect(evaluateTier({ spent: 0, orders: 0 }, defaultProfilePolicy, 'USD').tier).toBe('bronze');
    expect(evaluateTier({ spent: 25_000, orders: 1 }, defaultProfilePolicy, 'USD').tier).toBe('silver');
    expect(evaluateTier({ spent: 5_000, orders: 6 }, defaultProfilePolicy, 'USD').tier).toBe('gold');
    expect(evaluateTier({ spent: 300_000, orders: 1 }, defaultProfilePolicy, 'USD').tier).toBe('platinum');
    expect(evaluateTier({ spent: 99_999, orders: 5 }, defaultProfilePolicy, 'USD').tier).toBe('silver');
  });

  it('explains the tier and what the next one needs', () => {
    const { reason } = evaluateTier({ spent: 124_000, orders: 2 }, defaultProfilePolicy, 'USD');
    expect(reason).toBe('gold: $1,240.00 and 2 orders in the last 365 days; platinum needs $3,000.00 or 12 orders');
  });
});

describe('tierTimeline', () => {
  it('records an upgrade on the order that earned it and a downgrade when it leaves the window', () => {
    const ledger = [purchase('a', daysAgo(500), 20_000), purchase('b', daysAgo(400), 90_000)];
    const timeline = tierTimeline(ledger, defaultProfilePolicy, now, 'USD');
    expect(timeline.history.map((change) => [change.tier, change.from, change.at.toISOString()])).toEqual([
      ['bronze', null, daysAgo(500).toISOString()],
      ['gold', 'bronze', daysAgo(400).toISOString()],
      // order a leaves the window 365 days after it was placed: 90,000 alone is silver
      ['silver', 'gold', daysAgo(135).toISOString()],
      // and order b 365 days after it: nothing left
      ['bronze', 'silver', daysAgo(35).toISOString()],
    ]);
    expect(timeline.tier).toBe('bronze');
    expect(timeline.since).toEqual(daysAgo(35));
    expect(timeline.windowSpent).toBe(0);
    expect(timeline.windowOrders).toBe(0);
  });

  it('ignores cancelled, pending and refunded orders', () => {
    const ledger: LedgerEntry[] = [
      { ...purchase('a', daysAgo(10), 400_000), status: 'cancelled', net: 0 },
      { ...purchase('b', daysAgo(9), 400_000), status: 'refunded', net: 0 },
      purchase('c', daysAgo(8), 1_000),
    ];
    const timeline = tierTimeline(ledger, defaultProfilePolicy, now, 'USD');
    expect(timeline.tier).toBe('bronze');
    expect(timeline.windowOrders).toBe(1);
    expect(timeline.windowSpent).toBe(1_000);
  });
});
