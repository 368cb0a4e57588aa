import { z } from 'zod';
import { AppError } from '@loyaldesk/platform/errors';
import type { SignedInAgent } from '../agents/agent.ts';
import type { AgentRepository } from '../agents/agent-repository.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { verifyAgainstDummy, verifyPassword } from './password.ts';
import type { SessionTokens } from './session-token.ts';

export const loginInputSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

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

/** Logs agents in and resolves sessions to agents. */
export type AuthService = ReturnType<typeof createAuthService>;

/** Login with email + password (rate limited), and session → agent on every request. */
export function createAuthService(deps: {
  agents: AgentRepository;
  tokens: SessionTokens;
  limiter: LoginLimiter;
  /** bcrypt rounds of the dummy compare for unknown emails (match the real hashes'). */
  passwordRounds: number;
}) {
  function signedIn(agent: SignedInAgent): SignedInAgent {
    const { id, email, name, role, languages, skills } = agent;
    return { id, email, name, role, languages, skills };
  }

  return {
    /** The agent and a session token; 401 for a wrong email or password (the same answer), 429 when limited. */
    async login(input: LoginInput, ip: string): Promise<{ agent: SignedInAgent; token: string }> {
      await deps.limiter.check(input.email, ip);
      const found = await deps.agents.findCredentialsByEmail(input.email);
      const valid = found
        ? found.agent.active && (await verifyPassword(input.password, found.passwordHash))
        : await verifyAgainstDummy(input.password, deps.passwordRounds);
      if (!found || !valid) {
        await deps.limiter.fail(input.email, ip);
        throw new UnauthenticatedError('Wrong email or password');
      }
      await deps.limiter.succeed(input.email, ip);
      return { agent: signedIn(found.agent), token: await deps.tokens.sign(found.agent) };
    },

    /** The active agent a session token belongs to, or null. */
    async authenticate(token: string | undefined): Promise<SignedInAgent | null> {
      if (!token) return null;
      const agentId = await deps.tokens.verify(token);
      if (!agentId) return null;
      const agent = await deps.agents.findById(agentId);
      return agent?.active ? signedIn(agent) : null;
    },
  };
}
