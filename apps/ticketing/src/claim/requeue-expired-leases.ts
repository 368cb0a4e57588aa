import { routingGroupsFor } from '../ranked-queue/routing-group.ts';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import type { TicketRepository } from '../tickets/ticket-repository.ts';
import type { Ticket } from '../tickets/ticket.ts';

export interface RequeueResult {
  /** Tickets put back in the queue: still open, their claimer gone. */
  requeued: string[];
  /** Leases dropped because the ticket was claimed after all (or is gone). */
  discarded: string[];
}

/**
 * Puts back tickets whose lease expired while they are still open in MongoDB (the claimer died
 * between the pop and the confirm), at their stored deadline; drops leases whose ticket was
 * confirmed after all. Safe to run from several processes at once. Run it every few seconds.
 * `onRequeued` hears of each ticket put back (its line changed: shoppers behind it move back).
 */
export async function requeueExpiredLeases(
  deps: { queue: TicketQueue; tickets: TicketRepository; onRequeued?: (ticket: Ticket) => void },
  batchSize = 200,
): Promise<RequeueResult> {
  const result: RequeueResult = { requeued: [], discarded: [] };
  for (;;) {
    const leases = await deps.queue.expiredLeases(batchSize);
    await Promise.all(
      leases.map(async (lease) => {
        const ticket = await deps.tickets.findById(lease.ticketId);
        if (ticket?.status === 'open') {
          const entry = { ticketId: ticket.id, deadline: ticket.deadline, groups: routingGroupsFor(ticket) };
          if (await deps.queue.requeueLease(lease, entry)) {
            result.requeued.push(ticket.id);
            deps.onRequeued?.(ticket);
          }
        } else {
          await deps.queue.dropLease(lease);
          result.discarded.push(lease.ticketId);
        }
      }),
    );
    if (leases.length < batchSize) return result;
  }
}
