import { SignJWT, jwtVerify } from 'jose';
import type { AgentRole } from '../agents/agent.ts';

/** The httpOnly cookie that carries the session. */
export const sessionCookieName = 'ld_session';

const issuer = 'loyaldesk-ticketing';
const audience = 'loyaldesk-agents';

/** Signs and verifies session tokens (HS256 JWTs). */
export type SessionTokens = ReturnType<typeof createSessionTokens>;

/**
 * Session tokens for signed-in agents: a JWT with the agent id as subject, valid for `ttlSeconds`.
 * The role inside is informational; every request re-reads the agent, so a role change or a
 * deactivation takes effect at once.
 * @example const tokens = createSessionTokens(env.JWT_SECRET); const jwt = await tokens.sign(agent);
 */
export function createSessionTokens(secret: string, ttlSeconds = 8 * 3600) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(agent: { id: string; role: AgentRole }): Promise<string> {
      return new SignJWT({ role: agent.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(agent.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    /** The agent id of a valid, unexpired token; null for anything else. */
    async verify(token: string): Promise<string | null> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer, audience, algorithms: ['HS256'] });
        return typeof payload.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    },
  };
}
