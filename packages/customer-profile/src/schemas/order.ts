import { z } from 'zod';
import { shipmentStatusSchema, type ShipmentStatus } from '@loyaldesk/contracts/shipment-status';
import { currencySchema, dateSchema, emailSchema, moneySchema } from './common.ts';
import { customerTagsSchema, tierFloorSchema } from './policy.ts';

/** An order number, which is also the order's `_id`: "#1042" and "1042" are the same order. */
export const orderNumberSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/^#/, ''))
  .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'must be 1–40 letters, digits, - or _'));

export const orderStatuses = [
  'pending',
  'paid',
  'processing',
  'partially_shipped',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
] as const;
export const orderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export { shipmentStatuses, shipmentStatusSchema, type ShipmentStatus } from '@loyaldesk/contracts/shipment-status';

/** Statuses that mean the parcel is in trouble (what a proactive notice is about). */
export const troubledShipmentStatuses = ['failed_attempt', 'delayed', 'exception', 'returned', 'lost'] as const satisfies readonly ShipmentStatus[];

export const trackingEventSchema = z.object({
  /**
   * The event's identity at its source (e.g. `aftership:<hash of the checkpoint>`), so a provider
   * that re-sends its whole history stores each event once. Absent on events a shop platform sent.
   */
  id: z.string().trim().min(1).max(120).optional(),
  at: dateSchema,
  status: shipmentStatusSchema,
  /** The provider's own word for this event (e.g. AfterShip's subtag "Exception_013"). */
  carrierStatus: z.string().trim().min(1).max(60).optional(),
  location: z.string().trim().max(200).optional(),
  description: z.string().trim().min(1).max(500),
});
export type TrackingEvent = z.infer<typeof trackingEventSchema>;

/** Most tracking events kept on one shipment (the oldest are dropped beyond it). */
export const trackingEventLimit = 100;
/** Most delivery-estimate revisions kept on one shipment (the oldest are dropped beyond it). */
export const deliveryEstimateLimit = 10;

/** One delivery estimate as a carrier reported it: the estimate and when it was reported. */
export const deliveryEstimateSchema = z.object({ estimatedDelivery: dateSchema, reportedAt: dateSchema });
export type DeliveryEstimate = z.infer<typeof deliveryEstimateSchema>;

export const shipmentSchema = z.object({
  id: z.string().trim().min(1).max(64),
  carrier: z.string().trim().min(1).max(60),
  trackingNumber: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4–40 letters, digits or -'),
  status: shipmentStatusSchema,
  /** The carrier's (or shop platform's) own status word, kept as received, e.g. Shopify's "attempted_delivery". */
  carrierStatus: z.string().trim().min(1).max(60).optional(),
  /** Where the shopper can follow the parcel (http or https only). */
  trackingUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000)
    .optional(),
  shippedAt: dateSchema.optional(),
  estimatedDelivery: dateSchema.optional(),
  deliveredAt: dateSchema.optional(),
  /** The estimates a tracking provider reported, oldest report first (the first is the promise; the last is `estimatedDelivery`). */
  estimatedDeliveryHistory: z.array(deliveryEstimateSchema).max(deliveryEstimateLimit).optional(),
  /** When a tracking provider last reported on this shipment (its report time, not ours). */
  trackedAt: dateSchema.optional(),
  /** Newest last; bounded so one chatty carrier cannot grow an order without limit. */
  events: z.array(trackingEventSchema).max(trackingEventLimit).default([]),
});
export type Shipment = z.infer<typeof shipmentSchema>;

/** What a tracking provider said about one parcel in one delivery, in our words (see `applyTrackingReport`). */
export const trackingReportSchema = z.object({
  /** When the provider made this report (its clock): a report older than one applied before never sets the status. */
  reportedAt: dateSchema,
  /** The parcel's status as of this report. */
  status: shipmentStatusSchema,
  /** The provider's own word for that status, kept as received. */
  carrierStatus: z.string().trim().min(1).max(60),
  estimatedDelivery: dateSchema.optional(),
  /** Events the report carries, in any order; ones already stored (same identity) are ignored. */
  events: z.array(trackingEventSchema).max(500),
  /** The provider's page for the parcel; used when the shop gave none. */
  trackingUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2000)
    .optional(),
});
export type TrackingReport = z.output<typeof trackingReportSchema>;

export const lineItemSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(300),
  quantity: z.number().int().positive().max(10_000),
  unitPrice: moneySchema,
});
export type LineItem = z.infer<typeof lineItemSchema>;

export const orderTotalsSchema = z
  .object({
    subtotal: moneySchema,
    shipping: moneySchema.default(0),
    tax: moneySchema.default(0),
    discount: moneySchema.default(0),
    total: moneySchema,
    refunded: moneySchema.default(0),
  })
  .refine((totals) => totals.refunded <= totals.total, { message: 'refunded cannot exceed total', path: ['refunded'] });
export type OrderTotals = z.infer<typeof orderTotalsSchema>;

export const addressSchema = z.object({
  name: z.string().trim().max(200).optional(),
  line1: z.string().trim().max(300).optional(),
  city: z.string().trim().max(120).optional(),
  region: z.string().trim().max(120).optional(),
  postalCode: z.string().trim().max(20).optional(),
  /** ISO 3166-1 alpha-2, e.g. "CA". */
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as CA'),
});
export type Address = z.infer<typeof addressSchema>;

export const orderCustomerSchema = z.object({
  /** The shop's customer id; guest checkouts have none and are keyed by email. */
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _')
    .optional(),
  email: emailSchema,
  name: z.string().trim().min(1).max(200).optional(),
  /** BCP 47, e.g. "en-US", "zh-CN", "zh-TW". */
  locale: z.string().trim().regex(/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 locale such as en-US').optional(),
  /**
   * The customer's tags in the shop as of this delivery (e.g. Shopify's `customer.tags`); `[]`:
   * none. Absent: the delivery does not say (a shipment or refund update), so the ones known stay.
   */
  tags: customerTagsSchema.optional(),
});

/** One order as any source delivers it (webhook, import, seed): what `ingestOrder` accepts. */
export const orderInputSchema = z.object({
  number: orderNumberSchema,
  customer: orderCustomerSchema,
  placedAt: dateSchema,
  /** The source's last-modified time; a delivery older than what is stored is ignored. Defaults to placedAt. */
  updatedAt: dateSchema.optional(),
  status: orderStatusSchema,
  currency: currencySchema,
  lineItems: z.array(lineItemSchema).min(1).max(500),
  totals: orderTotalsSchema,
  shippingAddress: addressSchema.optional(),
  shipments: z.array(shipmentSchema).max(20).default([]),
});
export type OrderInput = z.input<typeof orderInputSchema>;
export type ParsedOrderInput = z.output<typeof orderInputSchema>;

/** An order as stored and returned: `number` is its `_id`. */
export const orderSchema = orderInputSchema.omit({ customer: true, updatedAt: true }).extend({
  customerId: z.string(),
  email: emailSchema,
  customerName: z.string().optional(),
  customerLocale: z.string().optional(),
  /**
   * The customer's tags as the newest delivery that carried them had them (`at`: that delivery's
   * source time), and the tier floor the shop's tag setting gave them when it was ingested.
   */
  customerTags: z.object({ tags: customerTagsSchema, tierFloor: tierFloorSchema.optional(), at: dateSchema }).optional(),
  sourceUpdatedAt: dateSchema,
  ingestedAt: dateSchema,
});
export type Order = z.infer<typeof orderSchema>;

/** Net spend an order contributes: nothing when cancelled, pending or fully refunded. */
export function orderNet(order: Pick<Order, 'status' | 'totals'>): number {
  if (!countsAsPurchase(order.status)) return 0;
  return Math.max(0, order.totals.total - order.totals.refunded);
}

/** Whether an order in this status counts as a purchase (for order counts, frequency, tier). */
export function countsAsPurchase(status: OrderStatus): boolean {
  return status !== 'pending' && status !== 'cancelled' && status !== 'refunded';
}
