import { followUpContribution, isRepurchase } from '../definitions/follow-up.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { recordPurchaseAfterDeliveryProblems } from './record-delivery-problem.ts';
import { contributionDelta } from './rollup-increments.ts';

/**
 * Records that `customerId` placed an order at `placedAt` (call it from order ingestion for every
 * order that counts as a purchase; re-delivery is harmless): each of the customer's tickets
 * resolved within the 90 days before it is marked repurchased, once, and counted on its
 * resolution day by SLA outcome; likewise each delivery problem of theirs in the 90 days before it
 * (see record-delivery-problem.ts). One `_id` read each for the customer's recent resolutions and
 * problems, plus one conditional write per ticket or problem in the window. `marked`: tickets.
 * @example await recordCustomerOrder(stores, 'cus_7', new Date('2026-03-02T09:00:00Z')) // { marked: 1 }
 */
export async function recordCustomerOrder(
  stores: Pick<MetricsStores, 'rollups' | 'followUps' | 'deliveryProblems'>,
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
  await recordPurchaseAfterDeliveryProblems(stores, customerId, placedAt);
  return { marked };
}

/** How many customers' purchases `recordCustomerOrders` records at once. */
const customersAtOnce = 8;

/**
 * Records many purchases (an order import): per customer in order of `placedAt`, several
 * customers at once. The same as calling `recordCustomerOrder` for each, and as idempotent.
 * @example await recordCustomerOrders(stores, [{ customerId: 'cus_7', placedAt: new Date('2026-03-02') }]) // { marked: 1 }
 */
export async function recordCustomerOrders(
  stores: Pick<MetricsStores, 'rollups' | 'followUps' | 'deliveryProblems'>,
  purchases: ReadonlyArray<{ customerId: string; placedAt: Date }>,
): Promise<{ marked: number }> {
  const byCustomer = new Map<string, Date[]>();
  for (const { customerId, placedAt } of purchases) {
    const dates = byCustomer.get(customerId) ?? [];
    dates.push(placedAt);
    byCustomer.set(customerId, dates);
  }
  const queue = [...byCustomer];
  let marked = 0;
  const worker = async (): Promise<void> => {
    for (let next = queue.pop(); next; next = queue.pop()) {
      const [customerId, dates] = next;
      for (const placedAt of dates.sort((a, b) => a.getTime() - b.getTime()))
        marked += (await recordCustomerOrder(stores, customerId, placedAt)).marked;
    }
  };
  await Promise.all(Array.from({ length: Math.min(customersAtOnce, queue.length) }, worker));
  return { marked };
}
