import type { CustomerProfileService } from '@loyaldesk/customer-profile/service';
import { ingestOrder, type OrderIngestionDeps, type OrderIngestOutcome } from '../../orders/ingest-order.ts';
import { orderInputFromWooCommerce, orderNumberOf, withTrackingProgress } from './woocommerce-order-mapping.ts';
import type { WooOrder } from './woocommerce-payloads.ts';
import type { WooCommerceStore } from './woocommerce-store.ts';

export interface WooCommerceIngestionDeps extends OrderIngestionDeps {
  profiles: Pick<CustomerProfileService, 'ingestOrder' | 'getOrder'>;
}

export type WooCommerceOrderOutcome = Pick<OrderIngestOutcome, 'orderNumber' | 'rerankedTickets'> & {
  orderOutcome: OrderIngestOutcome['orderOutcome'] | 'ignored';
};

/**
 * One WooCommerce order (a webhook's or a reconciliation page's) through `ingestOrder`, keeping
 * what carriers told us about its parcels, and its WooCommerce id remembered for `order.deleted`.
 * Checkout drafts (a cart, not an order) are ignored. Throws ValidationError naming the field.
 */
export async function ingestWooCommerceOrder(
  deps: WooCommerceIngestionDeps,
  store: WooCommerceStore,
  order: WooOrder,
): Promise<WooCommerceOrderOutcome> {
  if (order.status === 'checkout-draft') return { orderNumber: orderNumberOf(order.number), orderOutcome: 'ignored', rerankedTickets: 0 };
  const input = orderInputFromWooCommerce(order);
  const stored = await deps.profiles.getOrder(input.number);
  const outcome = await ingestOrder(deps, withTrackingProgress(input, stored));
  await store.rememberOrder(order.id, outcome.orderNumber);
  return { orderNumber: outcome.orderNumber, orderOutcome: outcome.orderOutcome, rerankedTickets: outcome.rerankedTickets };
}
