import type { IssueKind } from '@loyaldesk/contracts/issue-kind';
import type { SlaPolicy } from '@loyaldesk/contracts/policies';
import type { DeadlineBreakdown } from '@loyaldesk/contracts/tickets-api';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';
import { valueAdjustmentFor } from '../policy/sla-policy.ts';
import { explainDeadline } from './explain-deadline.ts';

const minuteMs = 60_000;

/** What ranking needs to know about a ticket. */
export interface TicketFacts {
  createdAt: Date;
  tier: Tier;
  /** The customer's value percentile (0–100); null for a shopper the shop does not know. */
  valuePercentile: number | null;
  issueKind: IssueKind;
}

export interface TicketDeadline {
  /** When the first response is due; the ticket's score in the queue. */
  deadline: Date;
  resolutionDeadline: Date;
  breakdown: DeadlineBreakdown;
  explanation: string;
}

/** Tier minutes scaled by the factors, in whole minutes (at least one); the one formula for targets. */
function scaledMinutes(tierMinutes: number, valueFactor: number, issueKindFactor: number): number {
  return Math.max(1, Math.round(tierMinutes * valueFactor * issueKindFactor));
}

/** The percentile as "top N%", kept to one decimal so 99.5 reads "top 0.5%". */
function topPercent(minPercentile: number): number {
  return Math.round((100 - minPercentile) * 10) / 10;
}

/**
 * A ticket's virtual deadline: createdAt + target(tier, value percentile, issue kind), with the
 * breakdown that produced it and the sentence agents see.
 * @example computeDeadline({ createdAt, tier: 'gold', valuePercentile: 97, issueKind: 'order_missing' }, defaultSlaPolicy).explanation
 * // 'Gold, top 5% value, missing parcel: target 10 min'
 */
export function computeDeadline(facts: TicketFacts, policy: SlaPolicy): TicketDeadline {
  const adjustment = valueAdjustmentFor(policy, facts.valuePercentile);
  const valueFactor = adjustment?.factor ?? 1;
  const issueKindFactor = policy.issueKindFactors[facts.issueKind];
  const tierTargetMinutes = policy.firstResponseMinutes[facts.tier];
  const tierResolutionMinutes = policy.resolutionMinutes[facts.tier];
  const breakdown: DeadlineBreakdown = {
    tier: facts.tier,
    tierTargetMinutes,
    valuePercentile: facts.valuePercentile,
    valueAdjustment: adjustment
      ? { topPercent: topPercent(adjustment.minPercentile), factor: adjustment.factor }
      : null,
    issueKind: facts.issueKind,
    issueKindFactor,
    targetMinutes: scaledMinutes(tierTargetMinutes, valueFactor, issueKindFactor),
    tierResolutionMinutes,
    resolutionTargetMinutes: scaledMinutes(tierResolutionMinutes, valueFactor, issueKindFactor),
  };
  return {
    deadline: new Date(facts.createdAt.getTime() + breakdown.targetMinutes * minuteMs),
    resolutionDeadline: new Date(facts.createdAt.getTime() + breakdown.resolutionTargetMinutes * minuteMs),
    breakdown,
    explanation: explainDeadline(breakdown),
  };
}

/**
 * Recomputes the deadlines from a stored breakdown's inputs alone (tier minutes and factors), so
 * a stored ticket can be checked against what it claims; no policy needed.
 */
export function deadlineFromBreakdown(
  createdAt: Date,
  breakdown: DeadlineBreakdown,
): { deadline: Date; resolutionDeadline: Date; targetMinutes: number; resolutionTargetMinutes: number } {
  const valueFactor = breakdown.valueAdjustment?.factor ?? 1;
  const targetMinutes = scaledMinutes(breakdown.tierTargetMinutes, valueFactor, breakdown.issueKindFactor);
  const resolutionTargetMinutes = scaledMinutes(
    breakdown.tierResolutionMinutes,
    valueFactor,
    breakdown.issueKindFactor,
  );
  return {
    deadline: new Date(createdAt.getTime() + targetMinutes * minuteMs),
    resolutionDeadline: new Date(createdAt.getTime() + resolutionTargetMinutes * minuteMs),
    targetMinutes,
    resolutionTargetMinutes,
  };
}

/** Every first-response target the policy can give, over all tiers, value rules and issue kinds. */
function allTargets(policy: SlaPolicy): number[] {
  const valueFactors = [1, ...policy.valueAdjustments.map((adjustment) => adjustment.factor)];
  const issueFactors = Object.values(policy.issueKindFactors);
  return tiers.flatMap((tier) =>
    valueFactors.flatMap((valueFactor) =>
      issueFactors.map((issueFactor) => scaledMinutes(policy.firstResponseMinutes[tier], valueFactor, issueFactor)),
    ),
  );
}

/**
 * The largest first-response target the policy can give, in minutes. It bounds fairness: a
 * ticket created at t has its deadline by t + this, and a ticket created later than
 * t + (largest − smallest target) has a later deadline, so no ticket is overtaken by tickets
 * created more than this long after it.
 */
export function largestTargetMinutes(policy: SlaPolicy): number {
  return Math.max(...allTargets(policy));
}

/** The smallest first-response target the policy can give, in minutes. */
export function smallestTargetMinutes(policy: SlaPolicy): number {
  return Math.min(...allTargets(policy));
}

/**
 * How long after a ticket's creation newer tickets can still be served before it, in ms: tickets
 * created later than this never overtake it (largest target − smallest target).
 */
export function overtakeWindowMs(policy: SlaPolicy): number {
  return (largestTargetMinutes(policy) - smallestTargetMinutes(policy)) * minuteMs;
}
