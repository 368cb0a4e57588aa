import type { TicketIndex } from './ticket-index.ts';
import type { TicketRepository } from './ticket-repository.ts';

/**
 * Recreates the Redis ticket index from MongoDB: clears it, then indexes every open, assigned and
 * pending ticket (resolved and closed ones enter again as they change). A scan: for start-up after
 * Redis lost its data, never for a request.
 * @returns how many tickets were indexed
 */
export async function rebuildTicketIndex(deps: { index: TicketIndex; tickets: TicketRepository }, at = new Date()): Promise<number> {
  await deps.index.clear();
  let indexed = 0;
  for await (const batch of deps.tickets.findAllActive()) {
    await Promise.all(batch.map((ticket) => deps.index.update(ticket)));
    indexed += batch.length;
  }
  await deps.index.markBuilt(at);
  return indexed;
}
