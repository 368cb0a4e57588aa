import { z } from 'zod';
import { orderInputSchema } from '@loyaldesk/customer-profile/schemas';
import { ingestOrder, type OrderIngestionDeps, type OrderIngestOutcome } from '../orders/ingest-order.ts';

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

export type OrderEventDeps = OrderIngestionDeps;

export type OrderEventOutcome = { eventId: string } & Omit<OrderIngestOutcome, 'orderNumber'>;

/** Handles one verified order event through the one ingestion use case. */
export async function handleOrderEvent(deps: OrderEventDeps, event: OrderEvent): Promise<OrderEventOutcome> {
  const { orderNumber: _number, ...outcome } = await ingestOrder(deps, event.order);
  return { eventId: event.id, ...outcome };
}
