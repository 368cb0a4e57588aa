import type { Tier } from '@loyaldesk/contracts/tier';
import { dayOf } from '../rollups/rollup-keys.ts';
import { isRepurchase, repurchaseWindowDays } from './follow-up.ts';
import type { RollupContribution } from './ticket-contribution.ts';

/**
 * A delivery problem of a known customer (one per shipment and problem kind, `_id` = ticketing's
 * notice id) and what followed: whether the shopper was notified, and their first purchase within
 * {@link repurchaseWindowDays} days after the notice (after the problem when nobody notified them).
 */
export interface DeliveryProblemFollowUp {
  problemId: string;
  customerId: string;
  tier: Tier;
  notified: boolean;
  /** When the shopper was notified; for the not-notified group, when the problem was seen. The window starts here. */
  at: Date;
  repurchasedAt: Date | null;
}

/** What a delivery problem adds to the rollups: on its day, notified or not, and whether a repurchase followed. */
export function deliveryProblemContribution(problem: DeliveryProblemFollowUp): RollupContribution[] {
  const repurchased = problem.repurchasedAt !== null ? 1 : 0;
  return [
    {
      day: dayOf(problem.at),
      tier: problem.tier,
      agentId: null,
      counters: problem.notified
        ? { deliveryNoticesSent: 1, repurchasedAfterNotice: repurchased }
        : { deliveryProblemsNotNotified: 1, repurchasedWithoutNotice: repurchased },
      histograms: {},
    },
  ];
}

/** One group of delayed shoppers: how many problems, how many followed by a purchase, the share in percent (null: none). */
export interface RepurchaseGroup {
  shoppers: number;
  repurchased: number;
  rate: number | null;
}

/**
 * Repurchase within 90 days after a delivery problem, notified shoppers against those who were
 * not: a problem counts as repurchased when the same customer placed an order after its `at` (the
 * notice, or the problem) and within the window. The definition the rollups keep incrementally.
 * @example repurchaseAfterDeliveryProblems([{ customerId: 'c1', notified: true, at: jan1 }], [{ customerId: 'c1', placedAt: feb1 }])
 *          // { windowDays: 90, notified: { shoppers: 1, repurchased: 1, rate: 100 }, notNotified: { shoppers: 0, repurchased: 0, rate: null } }
 */
export function repurchaseAfterDeliveryProblems(
  problems: ReadonlyArray<Pick<DeliveryProblemFollowUp, 'customerId' | 'notified' | 'at'>>,
  orders: ReadonlyArray<{ customerId: string; placedAt: Date }>,
): { windowDays: number; notified: RepurchaseGroup; notNotified: RepurchaseGroup } {
  const ordersOf = new Map<string, Date[]>();
  for (const order of orders) ordersOf.set(order.customerId, [...(ordersOf.get(order.customerId) ?? []), order.placedAt]);
  const groups = { notified: { shoppers: 0, repurchased: 0 }, notNotified: { shoppers: 0, repurchased: 0 } };
  for (const problem of problems) {
    const group = problem.notified ? groups.notified : groups.notNotified;
    group.shoppers++;
    if ((ordersOf.get(problem.customerId) ?? []).some((placedAt) => isRepurchase(problem.at, placedAt))) group.repurchased++;
  }
  return { windowDays: repurchaseWindowDays, notified: withRate(groups.notified), notNotified: withRate(groups.notNotified) };
}

/** The group with its rate in percent, one decimal (null when it has nobody). */
export function withRate(group: { shoppers: number; repurchased: number }): RepurchaseGroup {
  return { ...group, rate: group.shoppers === 0 ? null : Math.round((group.repurchased / group.shoppers) * 1000) / 10 };
}

/** At most this many recent delivery problems kept per customer for matching their orders. */
export const recentDeliveryProblemsLimit = 50;
