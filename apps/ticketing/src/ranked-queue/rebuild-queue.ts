import type { TicketRepository } from '../tickets/ticket-repository.ts';
import { routingGroupsFor } from './routing-group.ts';
import type { TicketQueue } from './ticket-queue.ts';

/**
 * Recreates the queue from MongoDB, the record: empties every group, then queues every open
 * ticket at its stored deadline. Tickets opened meanwhile queue themselves into the new sets, so
 * none is lost; one claimed meanwhile may come back as a stale entry, which the claim's
 * conditional confirm skips. For start-up and the rebuild command, not for requests (a scan).
 * @returns how many tickets were queued
 */
export async function rebuildQueueFromMongo(deps: { queue: TicketQueue; tickets: TicketRepository }): Promise<number> {
  await deps.queue.clear();
  let queued = 0;
  for await (const batch of deps.tickets.findAllOpen()) {
    await deps.queue.enqueueMany(
      batch.map((ticket) => ({ ticketId: ticket.id, deadline: ticket.deadline, groups: routingGroupsFor(ticket) })),
    );
    queued += batch.length;
  }
  return queued;
}
