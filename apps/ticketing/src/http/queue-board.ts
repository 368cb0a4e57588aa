import { randomUUID } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type Bull from 'bull';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { hasRole } from '@loyaldesk/contracts/agents-api';
import { ValidationError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import { ForbiddenError, UnauthenticatedError, type AuthService } from '../auth/auth-service.ts';
import { CsrfError, csrfHeader, isStateChanging } from './csrf.ts';
import { parserError } from './error-handler.ts';
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
export function bullBoardFor(queues: ReadonlyArray<Bull.Queue<unknown>>, options: { logger?: Logger } = {}): QueueBoardFactory {
  return (basePath) => {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(basePath);
    createBullBoard({
      queues: queues.map((queue) => new BullAdapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'loyaldesk jobs' } },
    });
    // After createBullBoard, which sets the board's own (it sends any error's message as a 500).
    // The adapter types `status` as the few codes the board itself uses; it sends any number.
    serverAdapter.setErrorHandler((error) => boardErrorResponse(error, options.logger) as { status: 400; body: BoardErrorBody });
    const board = express.Router();
    board.use(refuseUncleanableStatus);
    // The adapter types its router as `any`; it is an Express app (a request handler).
    board.use(serverAdapter.getRouter() as RequestHandler);
    return board;
  };
}

type BoardErrorBody = { error: { code: string; message: string; field?: string; errorId?: string } };

// Bull refuses a job transition when the job moved on meanwhile (a worker took it, or a second
// click got there first): "Job 7 is not in a delayed state", "Job 7 is not in the failed state",
// "Couldn't retry job: The job has been already retried or has not failed" (or is locked, or gone),
// "Missing key for job 7 …" (removed).
const jobStateChanged = /^(Job .+ is not in (a|the) \w+ state|Couldn't retry job: |Missing key for job )/;

/**
 * The board's answer to a failed action: 4xx for a request its parsers refused, 409 when a job
 * changed state under it, otherwise a 500 that hides the details and carries an `errorId` that is
 * in the log (as the REST API's do).
 */
export function boardErrorResponse(error: Error, logger?: Logger): { status: number; body: BoardErrorBody } {
  // Its JSON body parser's and the router's refusals (bad JSON, bad percent-encoding): 4xx as on /api.
  const refused = parserError(error);
  if (refused) {
    const { status, ...body } = refused;
    return { status, body: { error: body } };
  }
  if (jobStateChanged.test(error.message)) {
    return { status: 409, body: { error: { code: 'loyaldesk:job_state_changed', message: 'A job changed state meanwhile; reload and try again' } } };
  }
  const errorId = randomUUID();
  logger?.error({ err: error, errorId }, 'queue board action failed');
  return {
    status: 500,
    body: { error: { code: 'loyaldesk:internal_error', message: `Something went wrong on our side; quote error id ${errorId} when reporting it`, errorId } },
  };
}

/** The job states Bull's `queue.clean` accepts; the board hands any `:queueStatus` to it (a 500 for others). */
const cleanableStatusSchema = z.enum(['completed', 'wait', 'active', 'paused', 'delayed', 'failed']);
const cleanPath = /^\/api\/queues\/[^/]+\/clean\/([^/]*)\/?$/;

function refuseUncleanableStatus(req: Request, _res: Response, next: NextFunction): void {
  const status = cleanPath.exec(req.path)?.[1];
  if (req.method === 'PUT' && status !== undefined && !cleanableStatusSchema.safeParse(safeDecode(status)).success) {
    throw new ValidationError(`queueStatus must be one of ${cleanableStatusSchema.options.join(', ')}`, 'queueStatus');
  }
  next();
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
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
