import { z } from 'zod';
import { countsAsPurchase, orderInputSchema } from '@loyaldesk/customer-profile/schemas';
import type { CustomerProfileService, IngestResult } from '@loyaldesk/customer-profile/service';
import type { TicketService } from '../tickets/ticket-service.ts';

/** The order events the shop sends; every one carries the whole order as it is now. */
export const orderEventTypes = ['order.created', 'order.updated', 'shipment.updated', 'tracking.updated'] as const;

/** One webhook delivery. */
export const orderEventSchema = z.object({
  /** The shop's event id (for its logs and ours). */
  id: z.string().trim().min(1).max(200),
  type: z.enum(orderEventTypes),
  order: orderInputSchema,
});
export type OrderEvent = z.infer<typeof orderEventSchema>;

export interface OrderEventOutcome {
  eventId: string;
  orderOutcome: IngestResult['orderOutcome'];
  customerId: string;
  /** Open tickets of the customer moved in the queue (tier or value bucket changed). */
  rerankedTickets: number;
}

export interface OrderEventDeps {
  profiles: Pick<CustomerProfileService, 'ingestOrder'>;
  tickets: Pick<TicketService, 'rerankCustomer'>;
  /**
   * Told of every order that counts as a purchase, for repurchase-after-support metrics
   * (`metrics.recordCustomerOrder`; re-delivery is harmless, so it runs on every delivery: a
   * crash between the ingestion and this call is repaired by the shop's retry).
   */
  recordPurchase?: (customerId: string, placedAt: Date) => Promise<unknown>;
}

/**
 * Handles one verified order event: ingests the order (idempotent: a re-delivery counts once),
 * records the purchase for the support metrics and, when the customer's tier or value bucket
 * changed, re-ranks that customer's open tickets.
 */
export async function handleOrderEvent(deps: OrderEventDeps, event: OrderEvent): Promise<OrderEventOutcome> {
  const result = await deps.profiles.ingestOrder(event.order);
  if (deps.recordPurchase && countsAsPurchase(result.order.status)) {
    await deps.recordPurchase(result.customer.id, result.order.placedAt);
  }
  let rerankedTickets = 0;
  if (result.tierChange || result.valueBucketChange) {
    rerankedTickets = await deps.tickets.rerankCustomer(result.customer.id, {
      tier: result.customer.tier,
      valuePercentile: result.customer.value.percentile,
    });
  }
  return { eventId: event.id, orderOutcome: result.orderOutcome, customerId: result.customer.id, rerankedTickets };
}
