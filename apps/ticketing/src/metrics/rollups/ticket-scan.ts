import type { TicketRepository } from '../../tickets/ticket-repository.ts';
import { rollupTicketSchema, type RollupTicket } from '../definitions/ticket-contribution.ts';

// Only what the contributions read: a fraction of a ticket (no messages, no history).
const rollupFields = Object.keys(rollupTicketSchema.shape) as Array<keyof typeof rollupTicketSchema.shape>;

/**
 * Every ticket's metric fields, in batches, read through the ticket repository (the only code
 * that reads the tickets collection): a scan for the rebuild command, never for a request.
 * Tickets that do not parse are reported through `onInvalid`, not yielded.
 */
export async function* scanRollupTickets(
  tickets: Pick<TicketRepository, 'findAll'>,
  onInvalid: (ticketId: string) => void = () => undefined,
  batchSize = 1000,
): AsyncGenerator<RollupTicket[]> {
  for await (const batch of tickets.findAll({ fields: rollupFields, batchSize })) {
    const parsed: RollupTicket[] = [];
    for (const ticket of batch) {
      const result = rollupTicketSchema.safeParse(ticket);
      if (result.success) parsed.push(result.data);
      else onInvalid(ticket.id);
    }
    if (parsed.length > 0) yield parsed;
  }
}
