// The ticket detail view's data. The ticket is the contracts' (`ticketDetailResponseSchema`);
// ticketing passes the customer 360 and the order through from customer-profile as they are, so
// the console reads only the fields it shows, leniently: a shape it cannot read shows as unknown.
import { z } from 'zod';
import type { placeInLineSchema, Ticket, ticketDetailResponseSchema } from '@loyaldesk/contracts/tickets-api';
import { tierSchema } from '@loyaldesk/contracts/tier';

const shipmentStatusSchema = z.string();
export const customer360Schema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().optional(),
  currency: z.string(),
  tier: tierSchema,
  tierSince: z.string().optional(),
  tierReason: z.string().optional(),
  stats: z.object({
    orderCount: z.number(),
    totalSpent: z.number(),
    averageOrderValue: z.number(),
    lastOrderAt: z.string().optional(),
    windowSpent: z.number(),
    windowOrders: z.number(),
  }),
  value: z.object({ historicalLtv: z.number(), predictedLtv: z.number(), percentile: z.number() }),
  recentOrders: z.array(
    z.object({
      orderId: z.string(),
      placedAt: z.string(),
      status: z.string(),
      total: z.number(),
      currency: z.string(),
      itemCount: z.number(),
      shipments: z.array(
        z.object({
          carrier: z.string(),
          trackingNumber: z.string(),
          status: shipmentStatusSchema,
          estimatedDelivery: z.string().optional(),
        }),
      ),
    }),
  ),
});
export type Customer360 = z.infer<typeof customer360Schema>;

export const orderDetailSchema = z.object({
  number: z.string(),
  status: z.string(),
  placedAt: z.string(),
  currency: z.string(),
  totals: z.object({ total: z.number() }).partial().optional(),
  shipments: z.array(
    z.object({
      id: z.string(),
      carrier: z.string(),
      trackingNumber: z.string(),
      status: shipmentStatusSchema,
      estimatedDelivery: z.string().optional(),
      deliveredAt: z.string().optional(),
      events: z
        .array(
          z.object({ at: z.string(), status: z.string(), location: z.string().optional(), description: z.string() }),
        )
        .default([]),
    }),
  ),
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;

/** The detail view's data: the ticket, and the customer and order when the console can read them. */
export interface TicketDetail {
  ticket: Ticket;
  customer: Customer360 | null;
  order: OrderDetail | null;
  placeInLine: z.infer<typeof placeInLineSchema> | null;
}

/** The detail view's data from `GET /api/tickets/:ticketId`. */
export function ticketDetailOf(response: z.infer<typeof ticketDetailResponseSchema>): TicketDetail {
  const customer = customer360Schema.safeParse(response.customer);
  const order = orderDetailSchema.safeParse(response.order);
  return {
    ticket: response.ticket,
    customer: customer.success ? customer.data : null,
    order: order.success ? order.data : null,
    placeInLine: response.placeInLine,
  };
}
