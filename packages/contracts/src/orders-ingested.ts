import { z } from 'zod';

/**
 * The payload of an `orders.ingested` job (an order import → ticketing, on the `ordersIngested`
 * queue): what a batch of imported orders means for the desk. Ticketing records the purchases for
 * repurchase-after-support and re-ranks the open tickets of the customers whose tier or value
 * moved, as it does for an order webhook. Applying a job twice changes nothing.
 */
export const ordersIngestedJobSchema = z.object({
  /** Every ingested order that counts as a purchase. */
  purchases: z
    .array(z.object({ customerId: z.string().min(1).max(100), placedAt: z.iso.datetime({ offset: true }) }))
    .max(20_000),
  /** Customers whose tier or value bucket changed (new customers included). */
  standingChanged: z.array(z.string().min(1).max(100)).max(20_000),
});
export type OrdersIngestedJob = z.infer<typeof ordersIngestedJobSchema>;
