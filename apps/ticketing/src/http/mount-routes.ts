import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { parse as parseCookies } from 'cookie';
import { hasRole, type SignedInAgent } from '@loyaldesk/contracts/agents-api';
import { ForbiddenError, UnauthenticatedError, type AuthService } from '../auth/auth-service.ts';
import { sessionCookieName } from '../auth/session-token.ts';
import { CsrfError, csrfHeader, isStateChanging } from './csrf.ts';
import { parseInput } from './parse-input.ts';
import type { RouteDefinition } from './route.ts';

/** The session cookie of a request, if any. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookies(cookieHeader)[sessionCookieName];
}

/**
 * Registers routes on a router: per route, the raw or JSON body parser, the CSRF header check on
 * state-changing methods, the session and role check, zod parsing of params, query and body, then
 * the handler; its result is sent as JSON (undefined → 204). Errors go to the error handler.
 */
export function mountRoutes(router: Router, routes: readonly RouteDefinition[], deps: { auth: AuthService; jsonLimit?: string }): void {
  const json = express.json({ limit: deps.jsonLimit ?? '100kb' });
  const raw = express.raw({ type: () => true, limit: '1mb' });
  for (const route of routes) {
    const handle = async (req: Request, res: Response): Promise<void> => {
      if (route.csrf !== false && isStateChanging(req.method) && !req.get(csrfHeader)) throw new CsrfError();
      let agent: SignedInAgent | null = null;
      if (route.access !== 'public' || req.headers.cookie) {
        agent = await deps.auth.authenticate(sessionTokenOf(req.headers.cookie));
      }
      if (route.access !== 'public') {
        if (!agent) throw new UnauthenticatedError();
        if (!hasRole(agent.role, route.access)) throw new ForbiddenError(`This needs the ${route.access} role or above`);
      }
      const params = route.params ? parseInput(route.params, req.params, 'params') : {};
      const query = route.query ? parseInput(route.query, req.query, 'query') : {};
      // A raw-body route checks its signature first and parses the body itself (see the route).
      const body = route.body && !route.rawBody ? parseInput(route.body, req.body ?? {}, 'body') : undefined;
      const result = await route.handler({ params, query, body, agent, req, res } as Parameters<RouteDefinition['handler']>[0]);
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(typeof res.locals['status'] === 'number' ? res.locals['status'] : (route.status ?? 200)).json(result);
    };
    const parser = route.rawBody ? raw : json;
    router[route.method](route.path, (req: Request, res: Response, next: NextFunction) => {
      if (route.method === 'get') {
        next();
        return;
      }
      parser(req, res, next);
    }, handle);
  }
}
