import { SignJWT, jwtVerify } from 'jose';
import type { AgentRole } from '@loyaldesk/contracts/agents-api';

/** The httpOnly cookie that carries the session. */
export const sessionCookieName = 'ld_session';

/** Default session lifetime: a working day. */
export const defaultSessionSeconds = 8 * 3600;

const issuer = 'loyaldesk-ticketing';
const audience = 'loyaldesk-agents';

/** What a valid token names: the agent, the server-side session (revocable) and when it ends. */
export interface SessionClaims {
  agentId: string;
  sessionId: string;
  expiresAt: Date;
}

/** Signs and verifies session tokens (HS256 JWTs). */
export type SessionTokens = ReturnType<typeof createSessionTokens>;

/**
 * Session tokens for signed-in agents: a JWT with the agent id as subject and the session id as
 * `jti`, valid for `ttlSeconds`. The signature alone does not make a session valid: the session
 * store must still hold the session id (logout and deactivation delete it). The role inside is
 * informational; every request re-reads the agent.
 * @example const tokens = createSessionTokens(env.JWT_SECRET); const jwt = await tokens.sign(agent, sessionId);
 */
export function createSessionTokens(secret: string, ttlSeconds = defaultSessionSeconds) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(agent: { id: string; role: AgentRole }, sessionId: string): Promise<string> {
      return new SignJWT({ role: agent.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(agent.id)
        .setJti(sessionId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    /** The claims of a valid, unexpired token with a session id; null for anything else. */
    async verify(token: string): Promise<SessionClaims | null> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer, audience, algorithms: ['HS256'] });
        if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return null;
        return { agentId: payload.sub, sessionId: payload.jti, expiresAt: new Date(payload.exp * 1000) };
      } catch {
        return null;
      }
    },
  };
}
