import { followUpContribution, isRepurchase } from './follow-up.ts';
import type { MetricsStores } from './metrics-stores.ts';
import { contributionDelta } from './rollup-increments.ts';

/**
 * Records that `customerId` placed an order at `placedAt` (call it from order ingestion for every
 * order that counts as a purchase; re-delivery is harmless): each of the customer's tickets
 * resolved within the 90 days before it is marked repurchased, once, and counted on its
 * resolution day by SLA outcome. One `_id` read for the customer's recent resolutions plus one
 * conditional write per ticket in the window.
 * @example await recordCustomerOrder(stores, 'cus_7', new Date('2026-03-02T09:00:00Z')) // { marked: 1 }
 */
export async function recordCustomerOrder(
  stores: Pick<MetricsStores, 'rollups' | 'followUps'>,
  customerId: string,
  placedAt: Date,
): Promise<{ marked: number }> {
  const recent = await stores.followUps.findRecentResolutions(customerId);
  let marked = 0;
  for (const entry of recent?.tickets ?? []) {
    if (!isRepurchase(entry.resolvedAt, placedAt)) continue;
    const before = await stores.followUps.markRepurchased(entry.ticketId, entry.resolvedAt, placedAt);
    if (!before) continue;
    const after = { ...before, repurchasedAt: placedAt, revision: before.revision + 1 };
    const delta = contributionDelta(followUpContribution(before), followUpContribution(after));
    if (delta.size > 0) await stores.rollups.apply(delta);
    marked++;
  }
  return { marked };
}
