import { z } from 'zod';

// What the journeys read from ticketing's REST API, parsed (only the fields they look at).

export const ticketMessageViewSchema = z.object({
  id: z.string(),
  author: z.object({ kind: z.string(), name: z.string().optional() }),
  visibility: z.string(),
  body: z.string(),
});

export const ticketViewSchema = z.object({
  id: z.string(),
  status: z.string(),
  conversationId: z.string().nullable(),
  messages: z.array(ticketMessageViewSchema),
  survey: z.object({ csat: z.number().optional(), ces: z.number().optional(), nps: z.number().optional() }).nullable(),
});
export type TicketView = z.infer<typeof ticketViewSchema>;

/** `GET /api/tickets/:id` (the detail also has the customer 360 and place in line). */
export const ticketDetailViewSchema = z.object({ ticket: ticketViewSchema });

/** `POST /api/tickets/claim-next`, `…/claim`, `…/reply`, `…/resolve`. */
export const ticketResultViewSchema = z.object({ ticket: ticketViewSchema.nullable() });
