import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';

/** One live session: `_id` = the session id carried in the agent's token. */
interface SessionDocument {
  _id: string;
  agentId: string;
  createdAt: Date;
  expiresAt: Date;
}

export const agentSessionsCollection = 'agent_sessions';

/** Server-side sessions in MongoDB; see {@link createSessionStore}. */
export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * The live sessions, one document each (`_id` = session id, checked with one `_id` read per
 * request). Logout deletes it, so a copied cookie stops working at once on every instance. Kept in
 * MongoDB, not Redis: signed-in agents keep working (and their replies keep landing) while Redis is
 * away; the session is as durable as the tickets it guards.
 * @example const sessions = createSessionStore({ db, ttlSeconds: 8 * 3600 }); const id = await sessions.create('agt_1');
 */
export function createSessionStore(options: { db: Db; ttlSeconds: number; clock?: () => Date }) {
  const collection: Collection<SessionDocument> = options.db.collection<SessionDocument>(agentSessionsCollection);
  const clock = options.clock ?? (() => new Date());

  return {
    /** A new session for the agent; its id goes into the token. */
    async create(agentId: string): Promise<string> {
      const sessionId = randomBytes(18).toString('base64url');
      const now = clock();
      await collection.insertOne({
        _id: sessionId,
        agentId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + options.ttlSeconds * 1000),
      });
      return sessionId;
    },
    /** Whether the session is live and the agent's. */
    async isActive(sessionId: string, agentId: string): Promise<boolean> {
      const session = await collection.findOne({ _id: sessionId });
      return session !== null && session.agentId === agentId && session.expiresAt.getTime() > clock().getTime();
    },
    /** Ends one session (logout). */
    async revoke(sessionId: string, agentId: string): Promise<void> {
      await collection.deleteOne({ _id: sessionId, agentId });
    },
    /** Ends every session of an agent (deactivation, a new role); resolves with how many were live. */
    async revokeAll(agentId: string): Promise<number> {
      // A scan of the sessions (a small collection: expired ones are dropped here too), on an admin action only.
      const removed = await collection.deleteMany({ agentId });
      await collection.deleteMany({ expiresAt: { $lt: clock() } });
      return removed.deletedCount;
    },
  };
}
