import { createHash } from 'node:crypto';
import { z } from 'zod';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { languageSchema } from '@loyaldesk/contracts/language';
import { guestCustomerId, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { TicketService } from './ticket-service.ts';
import { ticketLimits, type Actor, type Ticket } from './ticket.ts';

/** A request for help from the web form or the email gateway. */
export const ticketRequestSchema = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120).optional(),
  subject: z.string().trim().min(1).max(ticketLimits.subjectLength),
  message: z.string().trim().min(1).max(ticketLimits.messageLength),
  orderNumber: z.string().trim().min(1).max(64).optional(),
  language: languageSchema,
  issueKind: issueKindSchema.default('general'),
  channel: z.enum(['web', 'email']).default('web'),
});
export type TicketRequest = z.infer<typeof ticketRequestSchema>;

/** The ticket id for a client's idempotency key: the same key opens the same ticket once. */
export function ticketIdForIdempotencyKey(key: string): string {
  return `tkt_req_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

/**
 * Which customer a request is from, by `_id` lookups only: the order's customer when the order
 * exists and its email matches (so nobody attaches themselves to another's order), else the
 * guest customer of the email if the shop has one; null when the shop does not know them.
 */
export async function customerIdForRequest(
  profiles: Pick<CustomerProfileService, 'getOrder' | 'getCustomer'>,
  request: Pick<TicketRequest, 'email' | 'orderNumber'>,
): Promise<string | null> {
  const email = request.email.trim().toLowerCase();
  if (request.orderNumber) {
    const order = await profiles.getOrder(request.orderNumber);
    if (order && order.email.toLowerCase() === email) return order.customerId;
  }
  const guest = await profiles.getCustomer(guestCustomerId(email));
  return guest ? guest.id : null;
}

/** Opens a ticket for a web or email request, linked to the customer when known, ranked and queued. */
export async function openTicketFromRequest(
  deps: { service: TicketService; profiles: Pick<CustomerProfileService, 'getOrder' | 'getCustomer'> },
  request: TicketRequest,
  options: { idempotencyKey?: string; by?: Actor } = {},
): Promise<{ ticket: Ticket; created: boolean }> {
  const customerId = await customerIdForRequest(deps.profiles, request);
  return deps.service.open(
    {
      ...(options.idempotencyKey ? { id: ticketIdForIdempotencyKey(options.idempotencyKey) } : {}),
      ...(customerId ? { customerId } : {}),
      language: request.language,
      issueKind: request.issueKind,
      channel: request.channel,
      subject: request.subject,
      requester: { email: request.email.trim().toLowerCase(), ...(request.name ? { name: request.name } : {}) },
      ...(request.orderNumber ? { orderNumber: request.orderNumber.replace(/^#/, '') } : {}),
      messages: [
        {
          author: { kind: 'customer', ...(request.name ? { name: request.name } : {}) },
          visibility: 'public',
          body: request.message,
        },
      ],
    },
    options.by ?? { kind: 'customer' },
  );
}
