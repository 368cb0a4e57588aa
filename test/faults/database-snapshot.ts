import { MongoClient } from 'mongodb';
import { z } from 'zod';
import type { DatabaseSnapshot } from './delivery-checks.ts';

// The documents as the apps store them (apps/chat-bot/src/conversations/storage/conversation-store.ts,
// apps/ticketing/src/tickets/ticket-model.ts); only the fields the checks read.
const messageDocumentSchema = z.object({ conversationId: z.string(), id: z.string() });
const historyEntrySchema = z.object({
  from: z.string().nullable(),
  to: z.string(),
  action: z.string().optional(),
  assigneeId: z.string().nullable().optional(),
});
const ticketDocumentSchema = z.object({
  _id: z.string(),
  conversationId: z.string().nullable().optional(),
  messages: z.array(z.object({ id: z.string() })).default([]),
  history: z.array(historyEntrySchema).default([]),
});
const conversationDocumentSchema = z.object({
  _id: z.string(),
  state: z.string(),
  handoff: z.unknown().optional(),
});

/** Reads every conversation message, ticket and conversation of `dbName` (a scan each, once per read). */
export async function readDatabaseSnapshot(mongoUri: string, dbName: string): Promise<DatabaseSnapshot> {
  const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const db = client.db(dbName);
    const [messages, tickets, conversations] = await Promise.all([
      db.collection('conversation_messages').find({}, { projection: { conversationId: 1, id: 1 } }).toArray(),
      db.collection('tickets').find({}).toArray(),
      db.collection('conversations').find({}, { projection: { state: 1, handoff: 1 } }).toArray(),
    ]);
    return {
      messages: messages.map((document) => messageDocumentSchema.parse(document)),
      tickets: tickets.map((document) => {
        const ticket = ticketDocumentSchema.parse(document);
        return {
          id: ticket._id,
          conversationId: ticket.conversationId ?? null,
          messageIds: ticket.messages.map((message) => message.id),
          history: ticket.history,
        };
      }),
      conversations: conversations.map((document) => {
        const conversation = conversationDocumentSchema.parse(document);
        return {
          id: conversation._id,
          state: conversation.state,
          handedOff: conversation.handoff !== null && conversation.handoff !== undefined,
        };
      }),
    };
  } finally {
    await client.close().catch(() => undefined);
  }
}
