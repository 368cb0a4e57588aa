import { describe, expect, it } from 'vitest';
import { deliveryProblemContribution, repurchaseAfterDeliveryProblems } from './delivery-problem-follow-up.ts';

const dayMs = 86_400_000;
const problemAt = new Date('2026-03-02T10:00:00.000Z');
const after = (days: number): Date => new Date(problemAt.getTime() + days * dayMs);

describe('repurchaseAfterDeliveryProblems', () => {
  it('counts an order by the same customer after the notice (or the problem) and within 90 days, per group', () => {
    const problems = [
      { customerId: 'c1', notified: true, at: problemAt },
      { customerId: 'c2', notified: true, at: problemAt },
      { customerId: 'c3', notified: true, at: problemAt },
      { customerId: 'c4', notified: false, at: problemAt },
      { customerId: 'c5', notified: false, at: problemAt },
    ];
    const orders = [
      { customerId: 'c1', placedAt: after(10) },
      { customerId: 'c1', placedAt: after(20) },
      { customerId: 'c2', placedAt: after(91) },
      { customerId: 'c3', placedAt: after(-1) },
      { customerId: 'c4', placedAt: after(90) },
      { customerId: 'c9', placedAt: after(5) },
    ];
    expect(repurchaseAfterDeliveryProblems(problems, orders)).toEqual({
      windowDays: 90,
      notified: { shoppers: 3, repurchased: 1, rate: 33.3 },
      notNotified: { shoppers: 2, repurchased: 1, rate: 50 },
    });
  });

  it('has no rate for a group with nobody in it', () => {
    expect(repurchaseAfterDeliveryProblems([], [])).toEqual({
      windowDays: 90,
      notified: { shoppers: 0, repurchased: 0, rate: null },
      notNotified: { shoppers: 0, repurchased: 0, rate: null },
    });
  });
});

describe('deliveryProblemContribution', () => {
  it('counts a notified problem on the notice day, and its repurchase', () => {
    const problem = { problemId: 'p1', customerId: 'c1', tier: 'gold' as const, notified: true, at: problemAt, repurchasedAt: after(3) };
    expect(deliveryProblemContribution(problem)).toEqual([
      { day: '2026-03-02', tier: 'gold', agentId: null, counters: { deliveryNoticesSent: 1, repurchasedAfterNotice: 1 }, histograms: {} },
    ]);
    expect(deliveryProblemContribution({ ...problem, notified: false, repurchasedAt: null })[0]?.counters).toEqual({
      deliveryProblemsNotNotified: 1,
      repurchasedWithoutNotice: 0,
    });
  });
});
