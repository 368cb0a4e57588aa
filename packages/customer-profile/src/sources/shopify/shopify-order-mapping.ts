import { isSafeNumber, parse as parseLosslessJson } from 'lossless-json';
import type { OrderInput, OrderStatus, ShipmentStatus } from '../../schemas/order.ts';
import { customerTagLimit } from '../../schemas/policy.ts';
import { ValidationError } from '@loyaldesk/platform/errors';
import { shopifyOrderSchema, type ShopifyFulfillment, type ShopifyOrder, type ShopifyRefund } from './shopify-payloads.ts';
import { toMinorUnits } from '../minor-units.ts';

type Shipment = NonNullable<OrderInput['shipments']>[number];

/**
 * Shopify's JSON (a webhook body, a bulk export line) with 64-bit integers kept as their exact
 * digits (strings): `JSON.parse` would round an id such as 820982911946154508.
 */
export function parseShopifyJson(text: string): unknown {
  try {
    return parseLosslessJson(text, undefined, (digits) => (isSafeNumber(digits) ? Number(digits) : digits));
  } catch (error) {
    throw new ValidationError(`The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 'body', error);
  }
}

/** "#1001" → "1001"; characters an order number cannot hold become "-" ("#EU 1001" → "EU-1001"). */
export function orderNumberFromName(name: string): string {
  const number = name
    .trim()
    .replace(/^#/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (number === '') throw new ValidationError(`name: "${name}" holds no order number`, 'name');
  return number.slice(0, 40);
}

/** A fulfillment's order number from its name: "#1001.1" → "1001". */
export function orderNumberOfFulfillment(fulfillment: Pick<ShopifyFulfillment, 'name'>): string {
  if (!fulfillment.name) throw new ValidationError('name: the fulfillment has no name (such as "#1001.1")', 'name');
  return orderNumberFromName(fulfillment.name.replace(/\.\d+$/, ''));
}

/** Shopify's `shipment_status` in our words (a problem keeps its kind); the raw word is kept beside it as `carrierStatus`. */
export function shipmentStatusOf(shipmentStatus: string | null | undefined): ShipmentStatus {
  switch (shipmentStatus) {
    case null:
    case undefined:
    case 'confirmed':
    case 'label_printed':
    case 'label_purchased':
      return 'label_created';
    case 'out_for_delivery':
    case 'ready_for_pickup':
      return 'out_for_delivery';
    case 'delivered':
    case 'picked_up':
      return 'delivered';
    case 'attempted_delivery':
      return 'failed_attempt';
    case 'delayed':
      return 'delayed';
    case 'failure':
    case 'buyer_action_required':
      return 'exception';
    case 'returning_to_sender':
      return 'returned';
    default:
      // carrier_picked_up, in_transit, and any word Shopify adds later: the parcel is on its way.
      return 'in_transit';
  }
}

/** Cancelled or failed fulfillments never shipped anything; a fulfillment without a usable tracking number has nothing to track. */
export function shipmentOf(fulfillment: ShopifyFulfillment): Shipment | undefined {
  if (fulfillment.status === 'cancelled' || fulfillment.status === 'error' || fulfillment.status === 'failure') return undefined;
  const trackingNumber = fulfillment.tracking_number?.replace(/\s+/g, '');
  if (!trackingNumber || !/^[A-Za-z0-9-]{4,40}$/.test(trackingNumber)) return undefined;
  const status = shipmentStatusOf(fulfillment.shipment_status);
  const trackingUrl = fulfillment.tracking_url && /^https?:\/\//i.test(fulfillment.tracking_url) ? fulfillment.tracking_url : undefined;
  return {
    id: fulfillment.id,
    carrier: fulfillment.tracking_company?.trim() || 'Carrier',
    trackingNumber,
    status,
    ...(fulfillment.shipment_status ? { carrierStatus: fulfillment.shipment_status } : {}),
    ...(trackingUrl ? { trackingUrl } : {}),
    shippedAt: fulfillment.created_at,
    ...(status === 'delivered' ? { deliveredAt: fulfillment.updated_at ?? fulfillment.created_at } : {}),
    events: [],
  };
}

/** What the refunds paid back, in minor units: successful refund transactions only. */
export function refundedAmount(refunds: readonly Pick<ShopifyRefund, 'transactions'>[], currency: string): number {
  let refunded = 0;
  for (const refund of refunds) {
    for (const transaction of refund.transactions) {
      if (transaction.kind !== 'refund' || (transaction.status && transaction.status !== 'success')) continue;
      refunded += toMinorUnits(transaction.amount, currency, 'refunds.transactions.amount');
    }
  }
  return refunded;
}

/**
 * The order's status in our words, from Shopify's financial and fulfillment statuses: cancelled or
 * voided first, then a full refund, then how far it shipped, then how far it was paid.
 */
export function orderStatusOf(
  order: Pick<ShopifyOrder, 'cancelled_at' | 'financial_status' | 'fulfillment_status'>,
  shipments: readonly Pick<Shipment, 'status'>[],
): OrderStatus {
  if (order.cancelled_at || order.financial_status === 'voided') return 'cancelled';
  if (order.financial_status === 'refunded') return 'refunded';
  if (order.fulfillment_status === 'fulfilled') {
    return shipments.length > 0 && shipments.every((shipment) => shipment.status === 'delivered') ? 'delivered' : 'shipped';
  }
  if (order.fulfillment_status === 'partial') return 'partially_shipped';
  if (order.financial_status === 'pending') return 'pending';
  if (order.financial_status === 'authorized' || order.financial_status === 'partially_paid') return 'processing';
  return 'paid';
}

/** Shopify's locale tag, when it is one ours takes ("en", "zh-TW"). */
function localeOf(locale: string | null | undefined): string | undefined {
  return locale && /^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) ? locale : undefined;
}

/**
 * Shopify's comma-separated `customer.tags` ("VIP, newsletter") as a list: trimmed, empty ones
 * dropped, the first spelling of a tag kept when it repeats in another case, at most
 * {@link customerTagLimit}. `null`/absent: the payload does not say (undefined), not "no tags".
 */
export function customerTagsFromShopify(tags: string | null | undefined): string[] | undefined {
  if (tags === null || tags === undefined) return undefined;
  const seen = new Set<string>();
  const list: string[] = [];
  for (const raw of tags.split(',')) {
    const tag = raw.trim().slice(0, 255);
    if (tag === '' || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    list.push(tag);
    if (list.length === customerTagLimit) break;
  }
  return list;
}

/**
 * A Shopify order (webhook payload or bulk export line) as the order `ingestOrder` takes. Amounts
 * are converted by the order currency's exponent; the customer is Shopify's customer id (a guest
 * checkout has none and is keyed by email).
 */
export function orderInputFromShopify(order: ShopifyOrder): OrderInput {
  const email = order.email || order.contact_email || order.customer?.email;
  if (!email) throw new ValidationError('email: the order has no email, so no customer can be told apart', 'email');
  const currency = order.currency;
  const money = (amount: string | null | undefined, field: string): number =>
    amount ? toMinorUnits(amount, currency, field) : 0;
  const shipments = order.fulfillments.flatMap((fulfillment) => shipmentOf(fulfillment) ?? []);
  const total = money(order.total_price, 'total_price');
  const name = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(' ');
  const locale = localeOf(order.customer_locale);
  const tags = customerTagsFromShopify(order.customer?.tags);
  const address = order.shipping_address;
  return {
    number: orderNumberFromName(order.name),
    customer: {
      ...(order.customer ? { id: order.customer.id } : {}),
      email,
      ...(name ? { name } : {}),
      ...(locale ? { locale } : {}),
      ...(tags ? { tags } : {}),
    },
    placedAt: order.created_at,
    updatedAt: order.updated_at,
    status: orderStatusOf(order, shipments),
    currency,
    lineItems: order.line_items.map((item, index) => ({
      sku: item.sku || (item.variant_id ? `variant-${item.variant_id}` : `line-${item.id}`),
      name: item.title || item.name || 'Item',
      quantity: item.quantity,
      unitPrice: money(item.price, `line_items.${index}.price`),
    })),
    totals: {
      subtotal: money(order.subtotal_price, 'subtotal_price'),
      shipping: money(order.total_shipping_price_set?.shop_money.amount, 'total_shipping_price_set'),
      tax: money(order.total_tax, 'total_tax'),
      discount: money(order.total_discounts, 'total_discounts'),
      total,
      refunded: Math.min(total, refundedAmount(order.refunds, currency)),
    },
    ...(address?.country_code
      ? {
          shippingAddress: {
            country: address.country_code,
            ...(address.name ? { name: address.name } : {}),
            ...(address.address1 ? { line1: address.address1 } : {}),
            ...(address.city ? { city: address.city } : {}),
            ...(address.province ? { region: address.province } : {}),
            ...(address.zip ? { postalCode: address.zip } : {}),
          },
        }
      : {}),
    shipments,
  };
}

/**
 * One line of a Shopify bulk export (an order's JSON) as the order ingestion takes it; throws with
 * the Shopify field and what is wrong with it.
 */
export function decodeShopifyOrderLine(text: string): { input: OrderInput; number: string } {
  const parsed = shopifyOrderSchema.safeParse(parseShopifyJson(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(`Shopify order: ${issue?.path.join('.') || '(order)'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.'));
  }
  const input = orderInputFromShopify(parsed.data);
  return { input, number: input.number };
}
