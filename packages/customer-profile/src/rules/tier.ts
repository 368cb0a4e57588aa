import type { LedgerEntry, TierChange } from '../schemas/customer.ts';
import { countsAsPurchase } from '../schemas/order.ts';
import { tiers, type ProfilePolicy, type Tier, type TierFloor } from '../schemas/policy.ts';
import { formatMoney } from './money.ts';
import { applyTierFloor } from './tier-floor.ts';

const dayMs = 86_400_000;

export interface TierEvaluation {
  tier: Tier;
  reason: string;
}

/**
 * The tier a customer qualifies for with `spent` (minor units) over `orders` purchases in the
 * policy window: the highest tier whose spend OR order threshold is met.
 * @example evaluateTier({ spent: 120_000, orders: 2 }, defaultProfilePolicy, 'USD').tier // 'gold'
 */
export function evaluateTier(
  window: { spent: number; orders: number },
  policy: ProfilePolicy,
  currency: string,
): TierEvaluation {
  let tier: Tier = 'bronze';
  for (const candidate of ['silver', 'gold', 'platinum'] as const) {
    const threshold = policy.thresholds[candidate];
    if (window.spent >= threshold.minSpend || window.orders >= threshold.minOrders) tier = candidate;
  }
  const had = `${formatMoney(window.spent, currency)} and ${window.orders} order${window.orders === 1 ? '' : 's'} in the last ${policy.tierWindowDays} days`;
  const next = tiers[tiers.indexOf(tier) + 1] as Exclude<Tier, 'bronze'> | undefined;
  const needs = next
    ? `; ${next} needs ${formatMoney(policy.thresholds[next].minSpend, currency)} or ${policy.thresholds[next].minOrders} orders`
    : '';
  return { tier, reason: `${tier}: ${had}${needs}` };
}

export interface TierTimeline {
  tier: Tier;
  since: Date;
  reason: string;
  /** Every change, oldest first, dated when it happened (an order placed, or one leaving the window). */
  history: TierChange[];
  windowSpent: number;
  windowOrders: number;
}

/** A tier floor from a customer tag, known since `since` (the source's time of the delivery that carried the tag). */
export type DatedTierFloor = TierFloor & { since: Date };

/**
 * Replays a customer's purchases to find their tier now and every tier change before: the tier
 * is a step function of time that changes only when an order is placed or leaves the trailing
 * window, so the same ledger always yields the same history, whatever order it was built in.
 * A tag's `floor` lifts the tier (never lowers it) from the time it was known on.
 */
export function tierTimeline(
  ledger: readonly LedgerEntry[],
  policy: ProfilePolicy,
  now: Date,
  currency: string,
  floor?: DatedTierFloor,
): TierTimeline {
  const windowMs = policy.tierWindowDays * dayMs;
  const purchases = ledger.filter((entry) => countsAsPurchase(entry.status) && entry.placedAt.getTime() <= now.getTime());
  type Step = { at: number; spent: number; orders: number };
  const steps: Step[] = [];
  for (const purchase of purchases) {
    const placed = purchase.placedAt.getTime();
    steps.push({ at: placed, spent: purchase.net, orders: 1 });
    if (placed + windowMs <= now.getTime()) steps.push({ at: placed + windowMs, spent: -purchase.net, orders: -1 });
  }
  // A tag reported with a source clock ahead of ours counts from now.
  const floorFrom = floor ? Math.min(floor.since.getTime(), now.getTime()) : Number.POSITIVE_INFINITY;
  if (floor) steps.push({ at: floorFrom, spent: 0, orders: 0 });
  steps.sort((a, b) => a.at - b.at);

  const history: TierChange[] = [];
  let spent = 0;
  let orders = 0;
  let current: TierEvaluation | undefined;
  let since = now;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    spent += step.spent;
    orders += step.orders;
    if (steps[i + 1]?.at === step.at) continue; // apply every change at one instant before judging
    const evaluation = applyTierFloor(evaluateTier({ spent, orders }, policy, currency), step.at >= floorFrom ? floor : undefined);
    if (!current || evaluation.tier !== current.tier) {
      history.push({ tier: evaluation.tier, from: current?.tier ?? null, at: new Date(step.at), reason: evaluation.reason });
      since = new Date(step.at);
    }
    current = evaluation;
  }
  const final = applyTierFloor(evaluateTier({ spent, orders }, policy, currency), floor);
  return {
    tier: final.tier,
    since: history.length > 0 ? since : (ledger[0]?.placedAt ?? now),
    reason: final.reason,
    history: history.slice(-50),
    windowSpent: spent,
    windowOrders: orders,
  };
}
