import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type Bull from 'bull';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { hasRole } from '@loyaldesk/contracts/agents-api';
import { ForbiddenError, UnauthenticatedError, type AuthService } from '../auth/auth-service.ts';
import { CsrfError, csrfHeader, isStateChanging } from './csrf.ts';
import { sessionTokenOf } from './mount-routes.ts';

/** Where the app mounts the Bull Board UI (its JSON API is under `<path>/api`). */
export const queueBoardPath = '/admin/queues';

/** Builds the board's request handler for a mount path (the app decides the path, the caller the queues). */
export type QueueBoardFactory = (basePath: string) => RequestHandler;

/**
 * The Bull Board UI and its API over `queues` (ticketing's own queues: `allJobQueues`). Access is
 * not checked here: the app mounts it behind {@link adminOnly}.
 * @example app.use('/admin/queues', adminOnly({ auth }), bullBoardFor(allJobQueues(jobQueues))('/admin/queues'));
 */
export function bullBoardFor(queues: ReadonlyArray<Bull.Queue<unknown>>): QueueBoardFactory {
  return (basePath) => {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(basePath);
    createBullBoard({
      queues: queues.map((queue) => new BullAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'loyaldesk jobs' } },
    });
    // The adapter types its router as `any`; it is an Express app (a request handler).
    return serverAdapter.getRouter() as RequestHandler;
  };
}

/** Whether a state-changing request demonstrably comes from a page of this very origin. */
function comesFromThisOrigin(req: Request): boolean {
  // Sec-Fetch-Site is set by the browser alone (scripts cannot forge it); sent on HTTPS and localhost.
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite !== undefined) return fetchSite === 'same-origin';
  // Browsers send Origin on every non-GET fetch/XHR and form post; `req.host` honours `trust proxy`.
  const origin = req.get('origin');
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}

/**
 * Guards a non-`/api` admin page and the API its own UI calls (the Bull Board): the same session
 * cookie and role check as the REST routes (anonymous → 401 JSON with a sign-in hint, below admin
 * → 403), not a separate password.
 *
 * CSRF: the board's retry/clean/pause actions are PUT/POST/DELETE fetches made by its bundled UI,
 * which cannot be taught to send `X-Requested-With`. The session cookie is SameSite=Strict, so a
 * cross-site page's request arrives without it and is refused as anonymous. SameSite does not
 * separate origins of the same site, though (another port of this host, e.g. the chat bot's
 * storefront demo on :3001, or a sibling subdomain), so a state-changing request must also prove
 * it is same-origin: `Sec-Fetch-Site: same-origin`, or an `Origin` whose host is this request's
 * host. Non-browser clients (scripts with an admin cookie) may send `X-Requested-With` instead,
 * as everywhere else on this service. Reads (GET) need no proof: they change nothing, and the
 * response is not readable cross-origin (no CORS).
 */
export function adminOnly(deps: { auth: AuthService }): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const agent = await deps.auth.authenticate(sessionTokenOf(req.headers.cookie));
    if (!agent) {
      throw new UnauthenticatedError(
        `Sign in as an admin first (POST /api/auth/login, e.g. from the agent console), then open ${req.baseUrl || queueBoardPath} again`,
      );
    }
    if (!hasRole(agent.role, 'admin')) throw new ForbiddenError('This needs the admin role');
    if (isStateChanging(req.method) && !req.get(csrfHeader) && !comesFromThisOrigin(req)) throw new CsrfError();
    next();
  };
}
