import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Server-side sessions in Redis; see {@link createSessionStore}. */
export type SessionStore = ReturnType<typeof createSessionStore>;

/**
 * The live sessions: `<prefix>session:<id>` → agent id, expiring with the token, plus
 * `<prefix>agent-sessions:<agentId>`, the set of an agent's session ids (to end them all on
 * deactivation). Checking a session is one Redis GET; logout deletes it, so a copied cookie stops
 * working at once on every instance.
 * @example const sessions = createSessionStore({ redis, prefix: 'loyaldesk:', ttlSeconds: 8 * 3600 }); const id = await sessions.create('agt_1');
 */
export function createSessionStore(options: { redis: Redis; prefix: string; ttlSeconds: number }) {
  const { redis, prefix, ttlSeconds } = options;
  const sessionKey = (sessionId: string): string => `${prefix}session:${sessionId}`;
  const agentKey = (agentId: string): string => `${prefix}agent-sessions:${agentId}`;

  return {
    /** A new session for the agent; its id goes into the token. */
    async create(agentId: string): Promise<string> {
      const sessionId = randomBytes(18).toString('base64url');
      await redis
        .multi()
        .set(sessionKey(sessionId), agentId, 'EX', ttlSeconds)
        .sadd(agentKey(agentId), sessionId)
        .expire(agentKey(agentId), ttlSeconds)
        .exec();
      return sessionId;
    },
    /** Whether the session is live and the agent's. */
    async isActive(sessionId: string, agentId: string): Promise<boolean> {
      return (await redis.get(sessionKey(sessionId))) === agentId;
    },
    /** Ends one session (logout). */
    async revoke(sessionId: string, agentId: string): Promise<void> {
      await redis.multi().del(sessionKey(sessionId)).srem(agentKey(agentId), sessionId).exec();
    },
    /** Ends every session of an agent (deactivation); resolves with how many were live. */
    async revokeAll(agentId: string): Promise<number> {
      const sessionIds = await redis.smembers(agentKey(agentId));
      const multi = redis.multi();
      for (const sessionId of sessionIds) multi.del(sessionKey(sessionId));
      multi.del(agentKey(agentId));
      const results = (await multi.exec()) ?? [];
      return results.slice(0, sessionIds.length).filter(([, deleted]) => deleted === 1).length;
    },
  };
}
