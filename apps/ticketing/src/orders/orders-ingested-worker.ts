import type Bull from 'bull';
import { ordersIngestedJobSchema } from '@loyaldesk/contracts/orders-ingested';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';

export interface OrdersIngestedDeps {
  /** `metrics.recordCustomerOrders`: idempotent, so a job applied twice marks nothing more. */
  recordPurchases: (purchases: ReadonlyArray<{ customerId: string; placedAt: Date }>) => Promise<unknown>;
  /** `tickets.rerankCustomer`: reads the customer's standing now. */
  rerankCustomer: (customerId: string) => Promise<number>;
  logger?: Logger;
}

/**
 * Applies an order import's batches (`orders.ingested` jobs from `npm run import`) as an order
 * webhook applies one order: purchases recorded for repurchase-after-support, open tickets of
 * customers whose tier or value moved re-ranked. A payload that does not parse fails for good.
 */
export async function applyOrdersIngested(deps: OrdersIngestedDeps, data: unknown): Promise<{ reranked: number }> {
  const parsed = ordersIngestedJobSchema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'orders.ingested job');
  await deps.recordPurchases(parsed.data.purchases.map(({ customerId, placedAt }) => ({ customerId, placedAt: new Date(placedAt) })));
  let reranked = 0;
  for (const customerId of parsed.data.standingChanged) reranked += await deps.rerankCustomer(customerId);
  return { reranked };
}

export function startOrdersIngestedWorker(queue: Bull.Queue<unknown>, deps: OrdersIngestedDeps): void {
  startJobWorker(queue, { name: 'orders.ingested', concurrency: 1, ...(deps.logger ? { logger: deps.logger } : {}) }, (data) =>
    applyOrdersIngested(deps, data),
  );
}
