import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';
import type { Ticket } from './ticket.ts';
import { ticketCollection, ticketModel, type TicketDocument } from './ticket-model.ts';

// Documents never leave this file: callers get plain tickets.
function toDocument(ticket: Ticket): TicketDocument {
  const { id, ...rest } = ticket;
  return { _id: id, ...rest };
}

function fromDocument(document: TicketDocument): Ticket {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}

/** Reads and writes tickets; no rules live here. */
export type TicketRepository = ReturnType<typeof createTicketRepository>;

/**
 * The tickets collection behind plain functions.
 * @example const tickets = createTicketRepository(connection); await tickets.init();
 */
export function createTicketRepository(connection: Connection) {
  const collection = ticketCollection(connection);

  return {
    /** Creates the indexes; safe on every start. */
    async init(): Promise<void> {
      await ticketModel(connection).createIndexes();
    },

    /** Inserts a ticket unless one with its id exists; returns the stored one either way (retry-safe). */
    async insertIfAbsent(ticket: Ticket): Promise<{ ticket: Ticket; created: boolean }> {
      try {
        await collection.insertOne(toDocument(ticket));
        return { ticket, created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await collection.findOne({ _id: ticket.id });
      if (!existing) throw new Error(`ticket ${ticket.id} reported as duplicate but not found`);
      return { ticket: fromDocument(existing), created: false };
    },

    /** Inserts many new tickets at once (seeding, tests); fails on any existing id. */
    async insertMany(tickets: readonly Ticket[]): Promise<void> {
      if (tickets.length === 0) return;
      await collection.insertMany(tickets.map(toDocument), { ordered: false });
    },

    async findById(id: string): Promise<Ticket | null> {
      const document = await collection.findOne({ _id: id });
      return document ? fromDocument(document) : null;
    },

    /**
     * Assigns the ticket to `agentId` if, and only if, it is still open: one conditional write on
     * `_id`, so of any number of racing claims exactly one gets the ticket back and the rest null.
     */
    async assignIfOpen(change: { ticketId: string; agentId: string; at: Date }): Promise<Ticket | null> {
      const document = await collection.findOneAndUpdate(
        { _id: change.ticketId, status: 'open' },
        {
          $set: { status: 'assigned', assigneeId: change.agentId, assignedAt: change.at },
          $push: {
            history: { from: 'open', to: 'assigned', by: { kind: 'agent', id: change.agentId }, at: change.at },
          },
        },
        { returnDocument: 'after' },
      );
      return document ? fromDocument(document) : null;
    },

    /**
     * Every open ticket, in batches. A scan on FerretDB: for recovery (rebuilding the queue), never
     * for a request.
     */
    async *findAllOpen(batchSize = 1000): AsyncGenerator<Ticket[]> {
      let batch: Ticket[] = [];
      for await (const document of collection.find({ status: 'open' }).batchSize(batchSize)) {
        batch.push(fromDocument(document));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
