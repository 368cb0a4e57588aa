import { createHash } from 'node:crypto';
import type { Actor, TicketRequest } from '@loyaldesk/contracts/tickets-api';
import { guestCustomerId, type CustomerProfileService } from '@loyaldesk/customer-profile/service';
import type { TicketService } from './ticket-service.ts';
import type { Ticket } from './ticket.ts';

/**
 * Who sends a request, for binding its idempotency key: a signed-in agent by id, anyone else by
 * the (normalized) email they write from.
 */
export type RequesterIdentity = { kind: 'agent'; agentId: string } | { kind: 'email'; email: string };

/** The requester's part of the key binding, e.g. `agent:agt_1` or `email:ann@example.com`. */
export function requesterKey(requester: RequesterIdentity): string {
  return requester.kind === 'agent' ? `agent:${requester.agentId}` : `email:${requester.email.trim().toLowerCase()}`;
}

/**
 * The ticket id for a client's idempotency key, bound to who sends it: the same requester with
 * the same key opens the same ticket once; anyone else with that key gets a ticket of their own,
 * never the first one.
 * @example ticketIdForIdempotencyKey('msg-123', { kind: 'email', email: 'ann@example.com' }) // 'tkt_req_…' (24 hex)
 */
export function ticketIdForIdempotencyKey(key: string, requester: RequesterIdentity): string {
  const digest = createHash('sha256').update(requesterKey(requester)).update('\n').update(key).digest('hex');
  return `tkt_req_${digest.slice(0, 24)}`;
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

/**
 * Opens a ticket for a web or email request, linked to the customer when known, ranked and queued;
 * `ticketId` (from {@link ticketIdForIdempotencyKey}) makes a retry find the ticket it opened.
 */
export async function openTicketFromRequest(
  deps: { service: TicketService; profiles: Pick<CustomerProfileService, 'getOrder' | 'getCustomer'> },
  request: TicketRequest,
  options: { ticketId?: string; by?: Actor } = {},
): Promise<{ ticket: Ticket; created: boolean }> {
  const customerId = await customerIdForRequest(deps.profiles, request);
  return deps.service.open(
    {
      ...(options.ticketId ? { id: options.ticketId } : {}),
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
