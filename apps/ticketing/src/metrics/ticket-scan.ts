import type { Connection } from 'mongoose';
import { ticketCollection } from '../tickets/ticket-model.ts';
import { rollupTicketSchema, type RollupTicket } from './ticket-contribution.ts';

/**
 * Every ticket's metric fields, in batches: a read-only scan of the tickets collection for the
 * rebuild command, never for a request. Documents that do not parse are counted, not yielded.
 */
export async function* scanRollupTickets(
  connection: Connection,
  onInvalid: (ticketId: string) => void = () => undefined,
  batchSize = 1000,
): AsyncGenerator<RollupTicket[]> {
  let batch: RollupTicket[] = [];
  for await (const document of ticketCollection(connection).find({}).batchSize(batchSize)) {
    const parsed = rollupTicketSchema.safeParse(document);
    if (!parsed.success) {
      onInvalid(document._id);
      continue;
    }
    batch.push(parsed.data);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
