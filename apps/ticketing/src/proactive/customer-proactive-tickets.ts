import type { Db } from 'mongodb';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';

/** A customer's proactive tickets by customer id (`_id`): the handoff reads them with one `_id` lookup. */
export const customerProactiveTicketsCollection = 'proactive_customer_tickets';

export interface CustomerProactiveTicket {
  ticketId: string;
  orderNumber: string;
  openedAt: Date;
}

interface CustomerProactiveTicketsDocument {
  _id: string;
  tickets: CustomerProactiveTicket[];
}

/** Tickets kept per customer: proactive tickets are rare, the newest matter. */
export const keptProactiveTicketsPerCustomer = 20;

export type CustomerProactiveTickets = ReturnType<typeof createCustomerProactiveTickets>;

export function createCustomerProactiveTickets(db: Db) {
  const collection = db.collection<CustomerProactiveTicketsDocument>(customerProactiveTicketsCollection);
  return {
    /** Adds a ticket to the customer's (once by ticket id, however often it is added). */
    async add(customerId: string, ticket: CustomerProactiveTicket): Promise<void> {
      try {
        await collection.updateOne(
          { _id: customerId, 'tickets.ticketId': { $ne: ticket.ticketId } },
          { $push: { tickets: ticket } },
          { upsert: true },
        );
      } catch (error) {
        // The filter missed because the ticket is there already, and the upsert hit the customer's document.
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    /** The customer's proactive tickets, newest first (at most `keptProactiveTicketsPerCustomer`). */
    async of(customerId: string): Promise<CustomerProactiveTicket[]> {
      const document = await collection.findOne({ _id: customerId });
      return [...(document?.tickets ?? [])]
        .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime())
        .slice(0, keptProactiveTicketsPerCustomer);
    },
  };
}
