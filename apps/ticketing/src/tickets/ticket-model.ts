import type { Collection } from 'mongodb';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Ticket } from './ticket.ts';

/** The tickets collection's name. */
export const ticketCollectionName = 'tickets';

/** A ticket document: `_id` is the ticket id. */
export type TicketDocument = Omit<Ticket, 'id'> & { _id: string };

const mixed = Schema.Types.Mixed;

// Writes are built from parsed, typed tickets, so nested shapes (breakdown, history) are stored as
// given; the schema declares the top-level fields and the indexes.
const ticketSchema = new Schema<TicketDocument>(
  {
    _id: { type: String, required: true },
    status: { type: String, required: true },
    customerId: { type: String, default: null },
    customerName: { type: String, default: null },
    language: { type: String, required: true },
    skill: { type: String, required: true },
    issueKind: { type: String, required: true },
    createdAt: { type: Date, required: true },
    deadline: { type: Date, required: true },
    resolutionDeadline: { type: Date, required: true },
    breakdown: { type: mixed, required: true },
    explanation: { type: String, required: true },
    assigneeId: { type: String, default: null },
    assignedAt: { type: Date, default: null },
    history: { type: mixed, default: [] },
    channel: { type: String, required: true },
    conversationId: { type: String, default: null },
    subject: { type: String, required: true },
    requester: { type: mixed, default: null },
    orderNumber: { type: String, default: null },
    messages: { type: mixed, default: [] },
    firstShopperMessageAt: { type: Date, required: true },
    firstRepliedAt: { type: Date, default: null },
    resolvedAt: { type: Date, default: null },
    closedAt: { type: Date, default: null },
    reopenCount: { type: Number, default: 0 },
    slaBreaches: { type: mixed, required: true },
    survey: { type: mixed, default: null },
    updatedAt: { type: Date, required: true },
    version: { type: Number, default: 0 },
  },
  { versionKey: false, collection: ticketCollectionName, minimize: false },
);
// For MongoDB in production (rebuilding the queue, re-ranking a customer's open tickets). On
// FerretDB these are scans; hot paths (claim confirm, ticket detail) go by _id.
ticketSchema.index({ status: 1, deadline: 1 });
ticketSchema.index({ customerId: 1, status: 1 });

/** The Mongoose model on a connection (registered once per connection); used for indexes. */
export function ticketModel(connection: Connection): Model<TicketDocument> {
  return (
    (connection.models['Ticket'] as Model<TicketDocument> | undefined) ??
    connection.model<TicketDocument>('Ticket', ticketSchema)
  );
}

/** The driver collection for the hot paths: one round trip, no Mongoose query layer. */
export function ticketCollection(connection: Connection): Collection<TicketDocument> {
  const db = connection.db;
  if (!db) throw new Error('ticketing: the database connection is not open');
  return db.collection<TicketDocument>(ticketCollectionName);
}
