import { z } from 'zod';
import { currencySchema, dateSchema, emailSchema, moneySchema } from './common.ts';
import { orderStatusSchema, shipmentStatusSchema } from './order.ts';
import { tierSchema } from './policy.ts';

/** What one order contributes to its customer; the customer keeps one per order so re-delivery is a no-op. */
export const ledgerEntrySchema = z.object({
  orderId: z.string(),
  placedAt: dateSchema,
  status: orderStatusSchema,
  /** Net spend (0 when the order does not count as a purchase). */
  net: moneySchema,
  sourceUpdatedAt: dateSchema,
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

/** The small copy of an order a support screen shows without reading the order itself. */
export const recentOrderSchema = z.object({
  orderId: z.string(),
  placedAt: dateSchema,
  status: orderStatusSchema,
  total: moneySchema,
  currency: currencySchema,
  itemCount: z.number().int(),
  shipments: z.array(
    z.object({
      carrier: z.string(),
      trackingNumber: z.string(),
      status: shipmentStatusSchema,
      estimatedDelivery: dateSchema.optional(),
    }),
  ),
  sourceUpdatedAt: dateSchema,
});
export type RecentOrder = z.infer<typeof recentOrderSchema>;

export const tierChangeSchema = z.object({
  tier: tierSchema,
  from: tierSchema.nullable(),
  at: dateSchema,
  reason: z.string(),
});
export type TierChange = z.infer<typeof tierChangeSchema>;

export const customerStatsSchema = z.object({
  /** Purchases (orders that are not pending, cancelled or refunded). */
  orderCount: z.number().int(),
  /** Historical LTV: total net spend. */
  totalSpent: moneySchema,
  averageOrderValue: moneySchema,
  firstOrderAt: dateSchema.optional(),
  lastOrderAt: dateSchema.optional(),
  /** Net spend and purchases in the tier window ending now. */
  windowSpent: moneySchema,
  windowOrders: z.number().int(),
});
export type CustomerStats = z.infer<typeof customerStatsSchema>;

export const customerValueSchema = z.object({
  historicalLtv: moneySchema,
  predictedLtv: moneySchema,
  /** Index into the shop's customer-value histogram (see rules/value.ts). */
  bucket: z.number().int().min(0),
});

/** A customer as stored. `ledger` is internal; services return {@link CustomerProfile}. */
export const customerSchema = z.object({
  id: z.string(),
  email: emailSchema,
  name: z.string().optional(),
  locale: z.string().optional(),
  /** The order the name/email/locale were last taken from (newest placed wins). */
  identityFrom: z.object({ orderId: z.string(), placedAt: dateSchema }),
  currency: currencySchema,
  stats: customerStatsSchema,
  tier: tierSchema,
  tierSince: dateSchema,
  tierReason: z.string(),
  tierHistory: z.array(tierChangeSchema).max(50),
  value: customerValueSchema,
  recentOrders: z.array(recentOrderSchema).max(5),
  ledger: z.array(ledgerEntrySchema),
  version: z.number().int(),
  updatedAt: dateSchema,
});
export type Customer = z.infer<typeof customerSchema>;

/** A customer as the desk shows it: value percentile within the shop, no ledger. */
export type CustomerProfile = Omit<Customer, 'ledger' | 'version' | 'identityFrom'> & {
  value: Customer['value'] & { percentile: number };
};
