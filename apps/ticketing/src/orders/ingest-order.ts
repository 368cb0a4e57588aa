import { countsAsPurchase, type Order } from '@loyaldesk/customer-profile/schemas';
import type { CustomerProfileService, IngestResult } from '@loyaldesk/customer-profile/service';
import type { TicketService } from '../tickets/ticket-service.ts';

/** What every order source (our webhook, Shopify, import) needs to record an order. */
export interface OrderIngestionDeps {
  profiles: Pick<CustomerProfileService, 'ingestOrder'>;
  tickets: Pick<TicketService, 'rerankCustomer'>;
  /**
   * Told of every order that counts as a purchase, for repurchase-after-support metrics
   * (`metrics.recordCustomerOrder`; idempotent, so it runs on every delivery: a crash between the
   * ingestion and this call is repaired by the source's retry).
   */
  recordPurchase?: (customerId: string, placedAt: Date) => Promise<unknown>;
  /** Carrier tracking updates that arrived before the order (see webhooks/tracking), applied once it is stored. */
  pendingTracking?: { applyPendingTo(order: Pick<Order, 'shipments'>): Promise<unknown> };
  /** Proactive delivery-problem notices for the order's shipments as the source reported them (see proactive/). */
  proactive?: { reviewShipment(order: Order, shipment: Order['shipments'][number]): Promise<unknown> };
}

export interface OrderIngestOutcome {
  orderNumber: string;
  orderOutcome: IngestResult['orderOutcome'];
  customerId: string;
  /** Open tickets of the customer moved in the queue (tier or value bucket changed). */
  rerankedTickets: number;
}

/**
 * The one way an order comes in, whatever its source: ingests it (idempotent: a re-delivery
 * counts once, an older version is ignored), records the purchase for the support metrics and,
 * when the customer's tier or value bucket changed, re-ranks that customer's open tickets.
 * Throws ValidationError (400, field named) on a bad order.
 */
export async function ingestOrder(deps: OrderIngestionDeps, order: unknown): Promise<OrderIngestOutcome> {
  const result = await deps.profiles.ingestOrder(order);
  if (deps.recordPurchase && countsAsPurchase(result.order.status)) {
    await deps.recordPurchase(result.customer.id, result.order.placedAt);
  }
  for (const shipment of result.order.shipments) await deps.proactive?.reviewShipment(result.order, shipment);
  if (deps.pendingTracking && result.order.shipments.length > 0) await deps.pendingTracking.applyPendingTo(result.order);
  let rerankedTickets = 0;
  if (result.tierChange || result.valueBucketChange) {
    rerankedTickets = await deps.tickets.rerankCustomer(result.customer.id, {
      tier: result.customer.tier,
      valuePercentile: result.customer.value.percentile,
    });
  }
  return { orderNumber: result.order.number, orderOutcome: result.orderOutcome, customerId: result.customer.id, rerankedTickets };
}
