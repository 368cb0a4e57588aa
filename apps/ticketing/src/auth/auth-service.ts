import type { LoginInput, SignedInAgent } from '@loyaldesk/contracts/agents-api';
import { AppError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import type { AgentRepository } from '../agents/agent-repository.ts';
import { TooManyRequestsError } from '../http/too-many-requests.ts';
import type { HashSlots } from './hash-slots.ts';
import type { LoginLimiter } from './login-limiter.ts';
import type { PasswordCheck, PasswordHasher } from './password.ts';
import type { SessionStore } from './session-store.ts';
import type { SessionClaims, SessionTokens } from './session-token.ts';

/** No session, or one that is no longer valid. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first') {
    super('unauthenticated', message, { status: 401 });
  }
}

/** Signed in, but the role does not allow this. */
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', message, { status: 403 });
  }
}

/** A live session: who, which session (for logout and its sockets), until when. */
export interface AgentSession {
  agent: SignedInAgent;
  sessionId: string;
  expiresAt: Date;
}

/** Logs agents in and out and resolves sessions to agents. */
export type AuthService = ReturnType<typeof createAuthService>;

/**
 * Login with email + password, and session → agent on every request.
 *
 * Login: the attempt is counted in Redis first (429 past a budget, before any hashing), then the
 * password is checked in one of a few hashing slots (429 `login_busy` when all are taken), off the
 * event loop. A bcrypt hash from before argon2id is replaced on success. A session is a Redis
 * entry named by the token, so logout and deactivation end it at once.
 */
export function createAuthService(deps: {
  agents: AgentRepository;
  tokens: SessionTokens;
  sessions: SessionStore;
  limiter: LoginLimiter;
  passwords: PasswordHasher;
  hashSlots: HashSlots;
  logger?: Logger;
}) {
  function signedIn(agent: SignedInAgent): SignedInAgent {
    const { id, email, name, role, languages, skills } = agent;
    return { id, email, name, role, languages, skills };
  }

  async function checkPassword(input: LoginInput): Promise<{ agent: SignedInAgent; check: PasswordCheck } | null> {
    const found = await deps.agents.findCredentialsByEmail(input.email);
    return deps.hashSlots.run(async () => {
      if (!found) {
        await deps.passwords.verifyDummy(input.password);
        return null;
      }
      const check = await deps.passwords.verify(input.password, found.passwordHash);
      if (check.valid && check.needsRehash && found.agent.active) {
        const upgraded = await deps.passwords.hash(input.password);
        await deps.agents
          .replacePasswordHash(found.agent.id, found.passwordHash, upgraded)
          .catch((error: unknown) => deps.logger?.warn({ err: error, agentId: found.agent.id }, 'password rehash not stored'));
      }
      return found.agent.active ? { agent: found.agent, check } : null;
    });
  }

  async function authenticateSession(token: string | undefined): Promise<AgentSession | null> {
    if (!token) return null;
    const claims = await deps.tokens.verify(token);
    if (!claims) return null;
    const [live, agent] = await Promise.all([
      deps.sessions.isActive(claims.sessionId, claims.agentId),
      deps.agents.findById(claims.agentId),
    ]);
    if (!live || !agent?.active) return null;
    return { agent: signedIn(agent), sessionId: claims.sessionId, expiresAt: claims.expiresAt };
  }

  return {
    /** The agent and a session token; 401 for a wrong email or password (the same answer), 429 when limited or busy. */
    async login(input: LoginInput, ip: string): Promise<{ agent: SignedInAgent; token: string }> {
      await deps.limiter.attempt(input.email, ip);
      let result: Awaited<ReturnType<typeof checkPassword>>;
      try {
        result = await checkPassword(input);
      } catch (error) {
        // No slot free: the attempt did not happen, so it does not count.
        if (error instanceof TooManyRequestsError) await deps.limiter.refund(input.email, ip).catch(() => undefined);
        throw error;
      }
      if (!result?.check.valid) throw new UnauthenticatedError('Wrong email or password');
      await deps.limiter.succeed(input.email, ip);
      const sessionId = await deps.sessions.create(result.agent.id);
      return { agent: signedIn(result.agent), token: await deps.tokens.sign(result.agent, sessionId) };
    },

    /** The live session a token names (one Redis GET and the agent's record), or null. */
    authenticateSession,

    /** The active agent a session token belongs to, or null. */
    async authenticate(token: string | undefined): Promise<SignedInAgent | null> {
      return (await authenticateSession(token))?.agent ?? null;
    },

    /** Ends the token's session; its claims (to close the session's sockets), or null for a token that names none. */
    async logout(token: string | undefined): Promise<SessionClaims | null> {
      if (!token) return null;
      const claims = await deps.tokens.verify(token);
      if (claims) await deps.sessions.revoke(claims.sessionId, claims.agentId);
      return claims;
    },

    /** Ends every session of an agent (deactivation). */
    revokeAllSessions(agentId: string): Promise<number> {
      return deps.sessions.revokeAll(agentId);
    },
  };
}
