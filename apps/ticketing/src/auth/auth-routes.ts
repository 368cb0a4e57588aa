import type { Response } from 'express';
import { z } from 'zod';
import { loginInputSchema, signedInResponseSchema } from '@loyaldesk/contracts/agents-api';
import { sessionTokenOf } from '../http/mount-routes.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { AgentSocketControl } from '../live/agents-socket.ts';
import type { AuthService } from './auth-service.ts';
import { sessionCookieName } from './session-token.ts';

/** The session cookie: httpOnly (no script reads it), SameSite=Strict (never sent cross-site). */
function setSessionCookie(res: Response, token: string, options: { secure: boolean; maxAgeSeconds: number }): void {
  res.cookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: options.secure,
    path: '/',
    maxAge: options.maxAgeSeconds * 1000,
  });
}

/** Login, logout and who am I. */
export function authRoutes(deps: {
  auth: AuthService;
  sockets: AgentSocketControl;
  secureCookies: boolean;
  sessionSeconds: number;
}): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in with email and password; sets the session cookie',
      description:
        'Rate limited before the password is checked: 5 attempts a minute per email and IP, 30 per IP, 10 failures per account in 15 minutes (then the account is locked for 1 minute, doubling per lockout within a day, at most 30) → 429 with Retry-After; a success gives them back. 429 login_busy when too many sign-ins are being checked at once. Passwords are at most 256 characters (400 naming password).',
      tag: 'auth',
      access: 'public',
      body: loginInputSchema,
      response: signedInResponseSchema,
      errors: [400, 401, 429],
      handler: async ({ body, req, res }) => {
        const { agent, token } = await deps.auth.login(body, req.ip ?? 'unknown');
        setSessionCookie(res, token, { secure: deps.secureCookies, maxAgeSeconds: deps.sessionSeconds });
        return { agent };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout',
      summary: 'Sign out: ends the session on the server (the cookie stops working everywhere) and closes its live sockets',
      tag: 'auth',
      access: 'public',
      response: z.null(),
      status: 204,
      handler: async ({ req, res }) => {
        const ended = await deps.auth.logout(sessionTokenOf(req.headers.cookie));
        if (ended) deps.sockets.closeSession(ended.sessionId);
        res.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/' });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/auth/me',
      summary: 'The signed-in agent',
      tag: 'auth',
      access: 'agent',
      response: signedInResponseSchema,
      handler: async ({ agent }) => ({ agent }),
    }),
  ];
}
