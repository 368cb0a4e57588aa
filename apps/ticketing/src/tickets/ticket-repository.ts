import type { Connection } from 'mongoose';
import type { Filter, UpdateFilter } from 'mongodb';
import { activeTicketStatuses, type TicketStatus } from '@loyaldesk/contracts/tickets-api';
import { isDuplicateKeyError } from '@loyaldesk/platform/errors';
import { applyTicketChange, type TicketChange } from './ticket-lifecycle.ts';
import { ticketCollection, ticketModel, type TicketDocument } from './ticket-model.ts';
import type { StatusChange, Ticket, TicketMessage } from './ticket.ts';

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

  const repository = {
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
      return (await repository.claimIfOpen(change))?.after ?? null;
    },

    /**
     * {@link assignIfOpen} that also returns the ticket as it was: the write returns the document
     * before it, and the after is the same deterministic change applied in memory (no second read).
     */
    async claimIfOpen(change: { ticketId: string; agentId: string; at: Date }): Promise<{ before: Ticket; after: Ticket } | null> {
      const entry: StatusChange = {
        from: 'open',
        to: 'assigned',
        by: { kind: 'agent', id: change.agentId },
        at: change.at,
        action: 'claim',
        assigneeId: change.agentId,
      };
      const document = await collection.findOneAndUpdate(
        { _id: change.ticketId, status: 'open' },
        {
          $set: { status: 'assigned', assigneeId: change.agentId, assignedAt: change.at, updatedAt: change.at },
          $inc: { version: 1 },
          $push: { history: entry },
        },
        { returnDocument: 'before' },
      );
      if (!document) return null;
      const before = fromDocument(document);
      const after: Ticket = {
        ...before,
        status: 'assigned',
        assigneeId: change.agentId,
        assignedAt: change.at,
        updatedAt: change.at,
        version: before.version + 1,
        history: [...before.history, entry],
      };
      return { before, after };
    },

    /**
     * Ids of the open tickets in `groups` (language and skill pairs), earliest deadline first, at
     * most `limit`: a read, for claiming without the ranked queue (Redis away). MongoDB serves it
     * from the `{status, deadline}` index; FerretDB scans.
     */
    async openTicketIdsByDeadline(query: {
      groups: ReadonlyArray<Pick<Ticket, 'language' | 'skill'>>;
      limit: number;
    }): Promise<string[]> {
      if (query.groups.length === 0) return [];
      const inGroups: Array<Filter<TicketDocument>> = query.groups.map(({ language, skill }) => ({ language, skill }));
      const found = await collection
        .find({ status: 'open', $or: inGroups }, { projection: { _id: 1 }, sort: { deadline: 1, _id: 1 }, limit: query.limit })
        .toArray();
      return found.map((document) => document._id);
    },

    /**
     * Writes `change` if the ticket is still at `expectedVersion`: one conditional
     * `findOneAndUpdate` on `_id`, so a write based on a stale read changes nothing and returns
     * null (the caller re-reads and re-plans).
     */
    async applyChange(ticketId: string, expectedVersion: number, change: TicketChange, at: Date): Promise<Ticket | null> {
      const update: UpdateFilter<TicketDocument> = {
        $set: { ...change.set, updatedAt: at },
        $inc: { version: 1 },
      };
      const push: Record<string, unknown> = {};
      if (change.history) push['history'] = change.history;
      if (change.message) push['messages'] = change.message;
      if (Object.keys(push).length > 0) update.$push = push;
      const document = await collection.findOneAndUpdate({ _id: ticketId, version: expectedVersion }, update, {
        returnDocument: 'after',
      });
      return document ? fromDocument(document) : null;
    },

    /**
     * Appends `message` in one conditional write, if the ticket is `ticketId` of `conversationId`,
     * in one of `statuses`, without a message of that id, and with fewer than `messageLimit`
     * messages; returns the ticket before and after (the same deterministic change applied in
     * memory, no second read), or null when any of that does not hold and nothing was written.
     */
    async appendMessageIf(
      condition: { ticketId: string; conversationId: string; statuses: readonly TicketStatus[]; messageLimit: number },
      message: TicketMessage,
      at: Date,
    ): Promise<{ before: Ticket; after: Ticket } | null> {
      const filter: Filter<TicketDocument> = {
        _id: condition.ticketId,
        conversationId: condition.conversationId,
        status: { $in: [...condition.statuses] },
        // `$nor`, not `$ne`: FerretDB 1.24 matches `{'messages.id': {$ne: id}}` when an element has that id.
        $nor: [{ 'messages.id': message.id }],
        [`messages.${condition.messageLimit - 1}`]: { $exists: false },
      };
      const document = await collection.findOneAndUpdate(
        filter,
        { $set: { updatedAt: at }, $inc: { version: 1 }, $push: { messages: message } },
        { returnDocument: 'before' },
      );
      if (!document) return null;
      const before = fromDocument(document);
      return { before, after: applyTicketChange(before, { set: {}, message, queue: 'none' }, at) };
    },

    /**
     * Every ticket, in batches of `batchSize`, with only `fields` (and `id`) read when given. A scan
     * on FerretDB and MongoDB alike: for commands (the metrics rebuild), never for a request.
     * @example for await (const batch of tickets.findAll({ fields: ['status', 'createdAt'] })) count(batch);
     */
    async *findAll<K extends keyof Omit<Ticket, 'id'>>(
      options: { fields?: readonly K[]; batchSize?: number } = {},
    ): AsyncGenerator<Array<Pick<Ticket, K | 'id'>>> {
      const batchSize = options.batchSize ?? 1000;
      const projection = options.fields ? Object.fromEntries(options.fields.map((field) => [field, 1])) : undefined;
      let batch: Array<Pick<Ticket, K | 'id'>> = [];
      const cursor = collection.find({}, projection ? { projection } : {}).batchSize(batchSize);
      for await (const document of cursor) {
        batch.push(fromDocument(document));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },

    /** About how many tickets there are (collection metadata, no scan): for progress bars. */
    async estimatedCount(): Promise<number> {
      return collection.estimatedDocumentCount();
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

    /** Every open, assigned or pending ticket, in batches (a scan: for rebuilding the Redis index). */
    async *findAllActive(batchSize = 1000): AsyncGenerator<Ticket[]> {
      let batch: Ticket[] = [];
      const cursor = collection.find({ status: { $in: [...activeTicketStatuses] } }).batchSize(batchSize);
      for await (const document of cursor) {
        batch.push(fromDocument(document));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
  return repository;
}
