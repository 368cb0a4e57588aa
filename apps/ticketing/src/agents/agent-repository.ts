import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError, DuplicateKeyError } from '@loyaldesk/platform/errors';
import type { Agent } from './agent.ts';

/** What an admin may change on an account (not its id, email or password). */
export type AgentChanges = Partial<Pick<Agent, 'name' | 'role' | 'active' | 'languages' | 'skills'>>;

/** An agent document: `_id` is the agent id; the password hash never leaves this file but for login. */
interface AgentDocument extends Omit<Agent, 'id'> {
  _id: string;
  passwordHash: string;
}

const agentMongooseSchema = new Schema<AgentDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, required: true },
    role: { type: String, required: true },
    languages: { type: [String], required: true },
    skills: { type: [String], required: true },
    active: { type: Boolean, required: true },
    createdAt: { type: Date, required: true },
    passwordHash: { type: String, required: true },
  },
  { versionKey: false, collection: 'agents' },
);
agentMongooseSchema.index({ email: 1 }, { unique: true });

function agentModel(connection: Connection): Model<AgentDocument> {
  return (
    (connection.models['Agent'] as Model<AgentDocument> | undefined) ??
    connection.model<AgentDocument>('Agent', agentMongooseSchema)
  );
}

function fromDocument(document: AgentDocument): Agent {
  const { _id, passwordHash: _passwordHash, ...rest } = document;
  return { id: _id, ...rest };
}

/** Reads and writes agent accounts. */
export type AgentRepository = ReturnType<typeof createAgentRepository>;

/**
 * The `agents` collection (`_id` = agent id, unique email).
 * @example const agents = createAgentRepository(connection); await agents.init();
 */
export function createAgentRepository(connection: Connection) {
  const db = connection.db;
  if (!db) throw new Error('ticketing: the database connection is not open');
  const collection = db.collection<AgentDocument>('agents');

  return {
    async init(): Promise<void> {
      await agentModel(connection).createIndexes();
    },

    async findById(id: string): Promise<Agent | null> {
      const document = await collection.findOne({ _id: id });
      return document ? fromDocument(document) : null;
    },

    /**
     * An agent and their password hash by email, for login. An index lookup on MongoDB; on
     * FerretDB a scan of the (small) agents collection.
     */
    async findCredentialsByEmail(email: string): Promise<{ agent: Agent; passwordHash: string } | null> {
      const document = await collection.findOne({ email: email.trim().toLowerCase() });
      return document ? { agent: fromDocument(document), passwordHash: document.passwordHash } : null;
    },

    /** Creates an account; DuplicateKeyError (409) when the id or the email is taken. */
    async insert(agent: Agent, passwordHash: string): Promise<Agent> {
      const { id, ...rest } = agent;
      try {
        await collection.insertOne({ _id: id, ...rest, email: agent.email.toLowerCase(), passwordHash });
        return { ...agent, email: agent.email.toLowerCase() };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const byId = await collection.findOne({ _id: id });
        const field = byId ? 'id' : 'email';
        throw new DuplicateKeyError(`An agent with this ${field} already exists`, field, error);
      }
    },

    /** Stores a new hash of the same password (an upgrade after login), unless it changed meanwhile. */
    async replacePasswordHash(id: string, currentHash: string, newHash: string): Promise<boolean> {
      const result = await collection.updateOne({ _id: id, passwordHash: currentHash }, { $set: { passwordHash: newHash } });
      return result.modifiedCount === 1;
    },

    /** Changes an account's profile, role or status; the agent before and after, or null when there is none. */
    async update(id: string, changes: AgentChanges): Promise<{ before: Agent; after: Agent } | null> {
      const before = await collection.findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'before' });
      return before ? { before: fromDocument(before), after: fromDocument({ ...before, ...changes }) } : null;
    },

    /** Every agent, by name (a scan of a small collection; for the managers' list). */
    async list(limit = 1000): Promise<Agent[]> {
      const documents = await collection.find({}).limit(limit).toArray();
      return documents.map(fromDocument).sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
