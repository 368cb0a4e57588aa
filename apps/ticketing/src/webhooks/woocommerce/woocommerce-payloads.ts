import { z } from 'zod';

// The parts of WooCommerce's REST API v3 order (the webhook payload of API version v3 and each item
// of GET /wp-json/wc/v3/orders) that loyaldesk maps. Unknown keys are dropped.

/** A WordPress id (post or user id). */
const wooIdSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** Money as WooCommerce writes it: a decimal string ("19.99", "-5.00"); a number is taken as written. */
const amountSchema = z.union([z.string().trim().max(40), z.number()]).transform(String);
const shortText = (max: number) => z.string().trim().max(max);

/**
 * WooCommerce's `*_gmt` dates: UTC written without a zone ("2026-11-20T15:04:05"). A zone, when a
 * plugin adds one, is honoured.
 */
export const wooDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$/, 'must be a date such as 2026-11-20T15:04:05 (UTC)')
  .transform((value, ctx) => {
    const date = new Date(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'is not a calendar date' });
      return z.NEVER;
    }
    return date;
  });

const addressSchema = z.object({
  first_name: shortText(100).nullish(),
  last_name: shortText(100).nullish(),
  address_1: shortText(300).nullish(),
  city: shortText(120).nullish(),
  state: shortText(120).nullish(),
  postcode: shortText(20).nullish(),
  country: shortText(2).nullish(),
});

const billingSchema = addressSchema.extend({ email: shortText(254).nullish() });

export const wooLineItemSchema = z.object({
  id: wooIdSchema,
  name: shortText(300).nullish(),
  product_id: wooIdSchema.nullish(),
  variation_id: wooIdSchema.nullish(),
  quantity: z.number().int().positive().max(10_000),
  /** The line before discounts and without tax, rounded to the shop's decimals (`price` is a float: total ÷ quantity). */
  subtotal: amountSchema,
  sku: shortText(64).nullish(),
});

const refundSchema = z.object({ id: wooIdSchema, total: amountSchema });

const metaDataSchema = z.object({ key: z.string().max(255), value: z.unknown() });

export const wooOrderSchema = z.object({
  id: wooIdSchema,
  /** The order number shown to the shopper: the id, unless a plugin numbers orders ("WC-1038"). */
  number: z.union([shortText(60), wooIdSchema]).transform(String),
  status: shortText(40),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code'),
  date_created_gmt: wooDateSchema,
  date_modified_gmt: wooDateSchema.nullish(),
  discount_total: amountSchema.nullish(),
  shipping_total: amountSchema.nullish(),
  total: amountSchema,
  total_tax: amountSchema.nullish(),
  /** 0 for a guest checkout. */
  customer_id: wooIdSchema.default(0),
  billing: billingSchema.default({}),
  shipping: addressSchema.nullish(),
  line_items: z.array(wooLineItemSchema).min(1).max(500),
  refunds: z.array(refundSchema).max(200).default([]),
  meta_data: z.array(metaDataSchema).max(1000).default([]),
});
export type WooOrder = z.infer<typeof wooOrderSchema>;

/** What `order.deleted` carries: the id only. */
export const wooDeletedOrderSchema = z.object({ id: wooIdSchema });

/** The Shipment Tracking plugin's order meta key: a list of tracking items. */
export const shipmentTrackingMetaKey = '_wc_shipment_tracking_items';

/** One item of `_wc_shipment_tracking_items`. */
export const wooTrackingItemSchema = z.object({
  /** The plugin's provider slug ("usps", "royal-mail"); empty when the shop typed a custom one. */
  tracking_provider: shortText(100).nullish(),
  custom_tracking_provider: shortText(100).nullish(),
  custom_tracking_link: z.string().trim().max(2000).nullish(),
  tracking_number: shortText(100),
  /** Unix seconds, as a string. */
  date_shipped: z.union([z.string().trim().regex(/^\d{1,12}$/), z.number().int().nonnegative()]).nullish(),
  tracking_id: shortText(64).nullish(),
});
export type WooTrackingItem = z.infer<typeof wooTrackingItemSchema>;
