import { deliveryProblemContribution, type DeliveryProblemFollowUp } from '../definitions/delivery-problem-follow-up.ts';
import { isRepurchase } from '../definitions/follow-up.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { contributionDelta } from './rollup-increments.ts';

/**
 * Records a delivery problem of a known customer (once by its id: a redelivered tracking report
 * adds nothing) and counts it on its day, notified or not.
 * @example await recordDeliveryProblem(stores, { problemId: '1038:shp_1:lost', customerId: 'cus_7', tier: 'gold', notified: true, at, repurchasedAt: null })
 */
export async function recordDeliveryProblem(
  stores: Pick<MetricsStores, 'rollups' | 'deliveryProblems'>,
  problem: Omit<DeliveryProblemFollowUp, 'repurchasedAt'>,
): Promise<'counted' | 'duplicate'> {
  const followUp: DeliveryProblemFollowUp = { ...problem, repurchasedAt: null };
  if (!(await stores.deliveryProblems.insert(followUp))) return 'duplicate';
  await stores.rollups.apply(contributionDelta([], deliveryProblemContribution(followUp)));
  return 'counted';
}

/**
 * A purchase of `customerId` at `placedAt`: each of their delivery problems in the 90 days before
 * it is marked repurchased, once, and counted on the problem's day. One `_id` read for the
 * customer's recent problems plus one conditional write per problem in the window.
 */
export async function recordPurchaseAfterDeliveryProblems(
  stores: Pick<MetricsStores, 'rollups' | 'deliveryProblems'>,
  customerId: string,
  placedAt: Date,
): Promise<{ marked: number }> {
  let marked = 0;
  for (const entry of await stores.deliveryProblems.recentOf(customerId)) {
    if (!isRepurchase(entry.at, placedAt)) continue;
    const before = await stores.deliveryProblems.markRepurchased(entry.problemId, placedAt);
    if (!before) continue;
    const delta = contributionDelta(deliveryProblemContribution(before), deliveryProblemContribution({ ...before, repurchasedAt: placedAt }));
    if (delta.size > 0) await stores.rollups.apply(delta);
    marked++;
  }
  return { marked };
}
