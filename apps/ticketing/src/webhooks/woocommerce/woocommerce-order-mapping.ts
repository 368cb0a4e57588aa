import type { Order, OrderInput, OrderStatus, Shipment } from '@loyaldesk/customer-profile/schemas';
import { ValidationError } from '@loyaldesk/platform/errors';
import { toMinorUnits } from '@loyaldesk/customer-profile/minor-units';
import { shipmentTrackingMetaKey, wooTrackingItemSchema, type WooOrder } from './woocommerce-payloads.ts';

type ShipmentInput = NonNullable<OrderInput['shipments']>[number];

/** "1038" or a plugin's "WC-1038"; characters an order number cannot hold become "-". */
export function orderNumberOf(number: string): string {
  const cleaned = number
    .trim()
    .replace(/^#/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (cleaned === '') throw new ValidationError(`number: "${number}" holds no order number`, 'number');
  return cleaned.slice(0, 40);
}

/** Carrier names for the Shipment Tracking plugin's provider slugs that title case gets wrong. */
const providerNames: Record<string, string> = {
  usps: 'USPS',
  ups: 'UPS',
  fedex: 'FedEx',
  dhl: 'DHL',
  'dhl-us': 'DHL',
  'dhl-parcel': 'DHL Parcel',
  tnt: 'TNT',
  dpd: 'DPD',
  'dpd-uk': 'DPD',
  gls: 'GLS',
};

/** "royal-mail" → "Royal Mail"; a custom provider's own name wins. */
export function carrierOf(item: { tracking_provider?: string | null; custom_tracking_provider?: string | null }): string {
  const custom = item.custom_tracking_provider?.trim();
  if (custom) return custom.slice(0, 60);
  const slug = item.tracking_provider?.trim().toLowerCase();
  if (!slug) return 'Carrier';
  return (providerNames[slug] ?? slug.split(/[-_\s]+/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ')).slice(0, 60);
}

/**
 * The Shipment Tracking plugin's items (`_wc_shipment_tracking_items` order meta) as shipments. A
 * tracking number entered there means the parcel left on `date_shipped`, so it is in transit until
 * a carrier says more. Items another plugin version shapes differently, or whose number cannot be
 * tracked, are left out rather than refusing the whole order.
 */
export function shipmentsOf(metaData: WooOrder['meta_data']): ShipmentInput[] {
  const value = metaData.find((meta) => meta.key === shipmentTrackingMetaKey)?.value;
  if (!Array.isArray(value)) return [];
  const shipments: ShipmentInput[] = [];
  for (const raw of value.slice(0, 20)) {
    const parsed = wooTrackingItemSchema.safeParse(raw);
    if (!parsed.success) continue;
    const item = parsed.data;
    const trackingNumber = item.tracking_number.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9-]{4,40}$/.test(trackingNumber)) continue;
    const link = item.custom_tracking_link;
    const shippedAt = item.date_shipped === null || item.date_shipped === undefined ? undefined : new Date(Number(item.date_shipped) * 1000);
    shipments.push({
      id: item.tracking_id || `tracking-${trackingNumber}`,
      carrier: carrierOf(item),
      trackingNumber,
      status: 'in_transit',
      ...(link && /^https?:\/\//i.test(link) ? { trackingUrl: link } : {}),
      ...(shippedAt ? { shippedAt } : {}),
      events: [],
    });
  }
  return shipments;
}

/**
 * WooCommerce's order status in our words. `on-hold` and `failed` await a payment (the shopper can
 * still pay), so they are pending; `trash` is cancelled; a status a plugin adds is read by its
 * name when it says shipped or delivered, and otherwise as an order being worked on.
 */
export function orderStatusOf(status: string, shipments: readonly Pick<ShipmentInput, 'status'>[]): OrderStatus {
  const allDelivered = shipments.length > 0 && shipments.every((shipment) => shipment.status === 'delivered');
  switch (status) {
    case 'pending':
    case 'on-hold':
    case 'failed':
    case 'checkout-draft':
      return 'pending';
    case 'processing':
      return shipments.length > 0 ? (allDelivered ? 'delivered' : 'shipped') : 'paid';
    case 'completed':
    case 'shipped':
      return allDelivered ? 'delivered' : 'shipped';
    case 'delivered':
      return 'delivered';
    case 'partial-shipped':
    case 'partially-shipped':
      return 'partially_shipped';
    case 'cancelled':
    case 'trash':
      return 'cancelled';
    case 'refunded':
      return 'refunded';
    default:
      return 'processing';
  }
}

/** A refund's total ("-10.00", negative as WooCommerce writes it) as a positive amount string. */
function refundAmount(total: string): string {
  return total.trim().replace(/^-/, '');
}

/**
 * A WooCommerce REST v3 order as the order `ingestOrder` takes. Amounts are converted by the
 * currency's exponent; a line's unit price is its subtotal (before discounts) over its quantity,
 * since the payload's `price` is a float; `customer_id` 0 is a guest, keyed by email.
 */
export function orderInputFromWooCommerce(order: WooOrder): OrderInput {
  const email = order.billing.email;
  if (!email) throw new ValidationError('billing.email: the order has no email, so no customer can be told apart', 'billing.email');
  const currency = order.currency;
  const money = (amount: string | null | undefined, field: string): number => (amount ? toMinorUnits(refundAmount(amount), currency, field) : 0);
  const shipments = shipmentsOf(order.meta_data);
  const lineItems = order.line_items.map((item, index) => ({
    sku: item.sku || (item.product_id ? `product-${item.variation_id || item.product_id}` : `line-${item.id}`),
    name: item.name || 'Item',
    quantity: item.quantity,
    unitPrice: Math.round(money(item.subtotal, `line_items.${index}.subtotal`) / item.quantity),
    subtotal: money(item.subtotal, `line_items.${index}.subtotal`),
  }));
  const total = money(order.total, 'total');
  const refunded = order.refunds.reduce((sum, refund, index) => sum + money(refund.total, `refunds.${index}.total`), 0);
  const name = [order.billing.first_name, order.billing.last_name].filter(Boolean).join(' ');
  const address = order.shipping;
  const addressName = [address?.first_name, address?.last_name].filter(Boolean).join(' ');
  return {
    number: orderNumberOf(order.number),
    customer: {
      ...(order.customer_id > 0 ? { id: String(order.customer_id) } : {}),
      email,
      ...(name ? { name } : {}),
    },
    placedAt: order.date_created_gmt,
    updatedAt: order.date_modified_gmt ?? order.date_created_gmt,
    status: orderStatusOf(order.status, shipments),
    currency,
    lineItems: lineItems.map(({ subtotal: _subtotal, ...item }) => item),
    totals: {
      subtotal: lineItems.reduce((sum, item) => sum + item.subtotal, 0),
      shipping: money(order.shipping_total, 'shipping_total'),
      tax: money(order.total_tax, 'total_tax'),
      discount: money(order.discount_total, 'discount_total'),
      total,
      refunded: Math.min(total, refunded),
    },
    ...(address?.country
      ? {
          shippingAddress: {
            country: address.country,
            ...(addressName ? { name: addressName } : {}),
            ...(address.address_1 ? { line1: address.address_1 } : {}),
            ...(address.city ? { city: address.city } : {}),
            ...(address.state ? { region: address.state } : {}),
            ...(address.postcode ? { postalCode: address.postcode } : {}),
          },
        }
      : {}),
    shipments,
  };
}

/**
 * What a carrier told us since (status, events, estimates) kept on the shipments WooCommerce sends
 * again: the shop only knows the tracking number, so its next order update must not reset a parcel
 * to "in transit". Matched by shipment id or tracking number; an order whose every parcel is
 * delivered stays delivered.
 */
export function withTrackingProgress(input: OrderInput, stored: Pick<Order, 'shipments'> | null): OrderInput {
  if (!stored || stored.shipments.length === 0 || !input.shipments?.length) return input;
  const shipments = input.shipments.map((shipment): ShipmentInput => {
    const known: Shipment | undefined = stored.shipments.find(
      (each) => each.id === shipment.id || each.trackingNumber === shipment.trackingNumber,
    );
    if (!known) return shipment;
    const { status, carrierStatus, estimatedDelivery, deliveredAt, events } = known;
    return {
      ...shipment,
      status,
      events,
      ...(carrierStatus ? { carrierStatus } : {}),
      ...(estimatedDelivery ? { estimatedDelivery } : {}),
      ...(deliveredAt ? { deliveredAt } : {}),
      ...(shipment.trackingUrl || !known.trackingUrl ? {} : { trackingUrl: known.trackingUrl }),
    };
  });
  const allDelivered = shipments.every((shipment) => shipment.status === 'delivered');
  const status = input.status === 'shipped' && allDelivered ? 'delivered' : input.status;
  return { ...input, status, shipments };
}
