import type { z } from 'zod';

/** An API refusal as ticketing sends it: `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown };
}

/** The ApiError of a failed response body (any shape; a body without `error` gets a generic one). */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `Request failed (${status})`;
  const field = typeof error?.field === 'string' ? error.field : undefined;
  return new ApiError(status, code, message, field);
}

/** Called on 401 so the app can show the login screen. */
let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/**
 * Calls the ticketing API (same origin, through the console server's proxy) and parses the answer
 * with `schema`. State-changing calls carry the X-Requested-With header ticketing requires.
 * @example const { items } = await apiRequest(ticketListSchema, 'GET', '/api/tickets?status=open');
 */
export async function apiRequest<Schema extends z.ZodType>(
  schema: Schema,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: { signal?: AbortSignal; quietUnauthenticated?: boolean } = {},
): Promise<z.output<Schema>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Requested-With'] = 'loyaldesk-console';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.quietUnauthenticated) onUnauthenticated();
    throw apiErrorFrom(response.status, parsed);
  }
  return schema.parse(parsed);
}
