import type { Address, LineItem, OrderStatus, ParsedOrderInput, Shipment } from '../schemas/order.ts';
import { trackShipment, type ShipmentPlan } from './shipment.ts';

/**
 * An order's whole life, fixed when it is generated: checkout, payment, fulfilment, shipments,
 * a cancellation or refund. {@link orderAt} shows it as the shop would deliver it at a given time,
 * which is the only place "now" enters, so the same plan and the same now give the same order.
 */
export interface OrderPlan {
  number: string;
  customer: { id?: string; email: string; name?: string; locale?: string };
  placedAt: Date;
  lineItems: LineItem[];
  shippingAddress: Address;
  /** Charged at checkout, cents. */
  shippingFee: number;
  /** Sales tax rate on the discounted subtotal (US only), as a fraction. */
  salesTax: number;
  /** Discount on the subtotal, cents. */
  discount: number;
  paidAt: Date;
  /** When the warehouse starts picking (status paid → processing). */
  processingAt: Date;
  /** Cancelled before anything shipped. */
  cancelledAt?: Date;
  shipments: ShipmentPlan[];
  /** A return (full) or a goodwill refund for one item (partial), or the refund of a lost parcel. */
  refund?: { at: Date; amount: 'full' | number };
}

/** Checkout totals in cents: subtotal − discount + shipping + tax. */
export function orderTotals(plan: Pick<OrderPlan, 'lineItems' | 'shippingFee' | 'salesTax' | 'discount'>): {
  subtotal: number;
  shipping: number;
  tax: number;
  discount: number;
  total: number;
} {
  const subtotal = plan.lineItems.reduce((sum, item) => sum + item.quantity * item.unitPrice, 0);
  const discount = Math.min(plan.discount, subtotal);
  const tax = Math.round((subtotal - discount) * plan.salesTax);
  return { subtotal, shipping: plan.shippingFee, tax, discount, total: subtotal - discount + plan.shippingFee + tax };
}

/**
 * The order as the shop reports it at `now` (status, shipments, refunds so far); `now` must not
 * precede `placedAt`. The result is an `OrderInput` with every default filled in and real `Date`s
 * (a `ParsedOrderInput`), so callers can count and compare without parsing it again.
 */
export function orderAt(plan: OrderPlan, now: Date): ParsedOrderInput {
  const time = now.getTime();
  if (plan.placedAt.getTime() > time) {
    throw new RangeError(
      `order ${plan.number} is placed at ${plan.placedAt.toISOString()}, after now (${now.toISOString()})`,
    );
  }
  const totals = orderTotals(plan);
  const happened = (date: Date | undefined): date is Date => date !== undefined && date.getTime() <= time;
  const changes: Date[] = [plan.placedAt];
  let status: OrderStatus;
  let refunded = 0;
  let shipments: Shipment[] = [];

  if (happened(plan.cancelledAt)) {
    status = 'cancelled';
    changes.push(plan.cancelledAt);
    // A cancelled paid order is refunded in full; an unpaid one had nothing to refund.
    if (plan.paidAt.getTime() <= plan.cancelledAt.getTime()) refunded = totals.total;
  } else if (!happened(plan.paidAt)) {
    status = 'pending';
  } else {
    changes.push(plan.paidAt);
    shipments = plan.shipments.flatMap((shipment) => trackShipment(shipment, now) ?? []);
    for (const shipment of shipments) {
      const last = shipment.events?.[shipment.events.length - 1];
      if (last) changes.push(last.at);
    }
    const handedOver = shipments.filter((shipment) => shipment.status !== 'label_created').length;
    const delivered = shipments.filter((shipment) => shipment.status === 'delivered').length;
    if (delivered === plan.shipments.length && delivered > 0) status = 'delivered';
    else if (handedOver > 0) status = handedOver < plan.shipments.length ? 'partially_shipped' : 'shipped';
    else if (happened(plan.processingAt)) status = 'processing';
    else status = 'paid';
    if (happened(plan.processingAt)) changes.push(plan.processingAt);
    if (plan.refund && happened(plan.refund.at)) {
      changes.push(plan.refund.at);
      refunded = plan.refund.amount === 'full' ? totals.total : Math.min(plan.refund.amount, totals.total);
      if (plan.refund.amount === 'full') status = 'refunded';
    }
  }

  const updatedAt = new Date(Math.max(...changes.map((date) => date.getTime())));
  return {
    number: plan.number,
    customer: { ...plan.customer },
    placedAt: plan.placedAt,
    updatedAt,
    status,
    currency: 'USD',
    lineItems: plan.lineItems.map((item) => ({ ...item })),
    totals: { ...totals, refunded },
    shippingAddress: { ...plan.shippingAddress },
    shipments,
  };
}
