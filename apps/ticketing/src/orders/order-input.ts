import type { Order, OrderInput } from '@loyaldesk/customer-profile/schemas';
import { guestCustomerId } from '@loyaldesk/customer-profile/service';

/**
 * A stored order as an order to ingest again with `changes` (a source that sends only part of an
 * order, such as a shipment or a refund, applies it this way). `updatedAt` is the change's own
 * time: if the store already holds something newer, ingestion ignores it as stale.
 */
export function orderInputWith(order: Order, changes: Partial<Pick<OrderInput, 'status' | 'totals' | 'shipments'>> & { updatedAt: Date }): OrderInput {
  const isGuest = order.customerId === guestCustomerId(order.email);
  return {
    number: order.number,
    customer: {
      ...(isGuest ? {} : { id: order.customerId }),
      email: order.email,
      ...(order.customerName ? { name: order.customerName } : {}),
      ...(order.customerLocale ? { locale: order.customerLocale } : {}),
    },
    placedAt: order.placedAt,
    status: order.status,
    currency: order.currency,
    lineItems: order.lineItems,
    totals: order.totals,
    ...(order.shippingAddress ? { shippingAddress: order.shippingAddress } : {}),
    shipments: order.shipments,
    ...changes,
  };
}
