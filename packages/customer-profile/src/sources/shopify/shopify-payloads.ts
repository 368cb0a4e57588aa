import { z } from 'zod';

// The parts of Shopify's REST webhook payloads (Admin API 2024+) that loyaldesk maps. Unknown keys
// are dropped. Ids are 64-bit: the raw body is parsed with lossless-json so large ids arrive here
// as their exact digits (a string), never a rounded number.

/** A Shopify id: digits, as a string whatever the JSON held. */
export const shopifyIdSchema = z
  .union([z.string().regex(/^\d{1,20}$/, 'must be a Shopify id (digits)'), z.number().int().nonnegative()])
  .transform(String);

/** A decimal amount string as Shopify sends money ("19.99"); numbers are accepted as written. */
const amountSchema = z.union([z.string().trim().max(40), z.number().nonnegative()]).transform(String);
const shortText = (max: number) => z.string().trim().max(max);
const timestampSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const moneySetSchema = z.object({ shop_money: z.object({ amount: amountSchema }) });

export const shopifyLineItemSchema = z.object({
  id: shopifyIdSchema,
  sku: shortText(64).nullish(),
  variant_id: shopifyIdSchema.nullish(),
  title: shortText(300).nullish(),
  name: shortText(300).nullish(),
  quantity: z.number().int().positive().max(10_000),
  price: amountSchema,
});

export const shopifyFulfillmentSchema = z.object({
  id: shopifyIdSchema,
  order_id: shopifyIdSchema,
  /** "#1001.1": the order's name, a dot, the fulfillment's number. */
  name: shortText(60).nullish(),
  status: shortText(40).nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema.nullish(),
  tracking_company: shortText(60).nullish(),
  tracking_number: shortText(60).nullish(),
  tracking_url: z.string().trim().max(2000).nullish(),
  shipment_status: shortText(40).nullish(),
});
export type ShopifyFulfillment = z.infer<typeof shopifyFulfillmentSchema>;

const transactionSchema = z.object({
  kind: shortText(20),
  status: shortText(20).nullish(),
  amount: amountSchema,
});

export const shopifyRefundSchema = z.object({
  id: shopifyIdSchema,
  order_id: shopifyIdSchema,
  created_at: timestampSchema,
  processed_at: timestampSchema.nullish(),
  transactions: z.array(transactionSchema).max(100).default([]),
});
export type ShopifyRefund = z.infer<typeof shopifyRefundSchema>;

const addressSchema = z.object({
  name: shortText(200).nullish(),
  address1: shortText(300).nullish(),
  city: shortText(120).nullish(),
  province: shortText(120).nullish(),
  zip: shortText(20).nullish(),
  country_code: shortText(2).nullish(),
});

export const shopifyCustomerSchema = z.object({
  id: shopifyIdSchema,
  email: shortText(254).nullish(),
  first_name: shortText(100).nullish(),
  last_name: shortText(100).nullish(),
  /** Comma-separated, e.g. "VIP, newsletter". */
  tags: z.string().max(5000).nullish(),
});

export const shopifyOrderSchema = z.object({
  id: shopifyIdSchema,
  /** "#1001" by default; the shop may set a prefix or suffix. */
  name: shortText(60),
  email: shortText(254).nullish(),
  contact_email: shortText(254).nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  cancelled_at: timestampSchema.nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code'),
  financial_status: shortText(30).nullish(),
  fulfillment_status: shortText(30).nullish(),
  customer_locale: shortText(20).nullish(),
  subtotal_price: amountSchema,
  total_price: amountSchema,
  total_tax: amountSchema.nullish(),
  total_discounts: amountSchema.nullish(),
  total_shipping_price_set: moneySetSchema.nullish(),
  line_items: z.array(shopifyLineItemSchema).min(1).max(500),
  shipping_address: addressSchema.nullish(),
  customer: shopifyCustomerSchema.nullish(),
  fulfillments: z.array(shopifyFulfillmentSchema).max(20).default([]),
  refunds: z.array(shopifyRefundSchema).max(100).default([]),
});
export type ShopifyOrder = z.infer<typeof shopifyOrderSchema>;
