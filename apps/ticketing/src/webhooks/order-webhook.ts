import { z } from 'zod';
import { orderInputSchema } from '@loyaldesk/customer-profile/schemas';

/** The order events the shop sends; every one carries the whole order as it is now. */
export const orderEventTypes = ['order.created', 'order.updated', 'shipment.updated', 'tracking.updated'] as const;

/** One webhook delivery. */
export const orderEventSchema = z.object({
  /** The shop's event id (for its logs and ours). */
  id: z.string().trim().min(1).max(200),
  type: z.enum(orderEventTypes),
  order: orderInputSchema,
});
export type OrderEvent = z.infer<typeof orderEventSchema>;
