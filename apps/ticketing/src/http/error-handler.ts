import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@loyaldesk/platform/logger';
import { AppError, isOutageError, outageRetryAfterSeconds } from '@loyaldesk/platform/errors';
import { TooManyRequestsError } from './too-many-requests.ts';

/** The one error body: `{error: {code, message, field?, errorId?}}`. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string; errorId?: string };
}

interface HttpParserError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
}

/**
 * A request the body parser, the router or a static file refused (4xx), as our error; null for
 * anything else. Also used by the queue board's error handler.
 */
export function parserError(error: unknown): { status: number; code: string; message: string; field?: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  // The router's: a path parameter that is not valid percent-encoding (status 400, not "exposed").
  if (error instanceof URIError) {
    return { status: 400, code: 'loyaldesk:malformed_url', message: 'The URL path is not valid percent-encoding', field: 'path' };
  }
  const { type, status, expose } = error as HttpParserError;
  if (type === 'entity.parse.failed') return { status: 400, code: 'loyaldesk:malformed_json', message: 'The body is not valid JSON' };
  if (type === 'entity.too.large') return { status: 413, code: 'loyaldesk:payload_too_large', message: 'The body is too large' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, code: 'loyaldesk:unsupported_encoding', message: 'Send the body as UTF-8 JSON' };
  }
  // A static file that is not there: `send` marks its 404 unexposed (it wraps the ENOENT).
  if (status === 404) return { status: 404, code: 'loyaldesk:not_found', message: 'Not found' };
  if (typeof status === 'number' && status >= 400 && status < 500 && expose === true) {
    return { status, code: 'loyaldesk:bad_request', message: 'The request could not be read' };
  }
  return null;
}

/**
 * The express error handler: AppErrors as their status and body; body-parser, router (bad
 * percent-encoding) and static-file (404) failures as 4xx;
 * anything else a 500 that hides the details and carries an `errorId` that is in the log.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (error instanceof AppError && error.status < 500) {
      if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(error.status).json(error.toBody());
      return;
    }
    const parsed = parserError(error);
    if (parsed) {
      res.status(parsed.status).json({
        error: { code: parsed.code, message: parsed.message, ...(parsed.field ? { field: parsed.field } : {}) },
      } satisfies ErrorBody);
      return;
    }
    if (isOutageError(error)) {
      // The database or Redis is away: say when to try again; nothing was acknowledged.
      logger.warn({ err: error, method: req.method, url: req.originalUrl }, 'request refused during an outage');
      res.setHeader('Retry-After', String(outageRetryAfterSeconds));
      res.status(503).json({
        error: {
          code: 'loyaldesk:service_unavailable',
          message: `A server loyaldesk depends on is unavailable; nothing was changed. Try again in ${outageRetryAfterSeconds} s.`,
        },
      } satisfies ErrorBody);
      return;
    }
    const errorId = randomUUID();
    logger.error({ err: error, errorId, method: req.method, url: req.originalUrl }, 'request failed');
    const status = error instanceof AppError ? error.status : 500;
    const code = error instanceof AppError ? error.code : 'loyaldesk:internal_error';
    // 5xx AppErrors (e.g. service unavailable) keep their code; their message may name internals, so it is replaced.
    res.status(status).json({
      error: { code, message: `Something went wrong on our side; quote error id ${errorId} when reporting it`, errorId },
    } satisfies ErrorBody);
  };
}

/** 404 for any /api path no route matched. */
export function routeNotFound(req: Request, res: Response): void {
  res.status(404).json({
    error: { code: 'loyaldesk:route_not_found', message: `No route ${req.method} ${req.path}` },
  } satisfies ErrorBody);
}
