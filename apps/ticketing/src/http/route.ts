import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { AgentRole, SignedInAgent } from '@loyaldesk/contracts/agents-api';

/** Who may call a route: anyone, or a signed-in agent of at least this role. */
export type Access = 'public' | AgentRole;

/** What a handler gets: its inputs parsed, and the signed-in agent when the route needs one. */
export interface RouteContext<Params, Query, Body, A extends Access> {
  params: Params;
  query: Query;
  body: Body;
  agent: A extends 'public' ? SignedInAgent | null : SignedInAgent;
  req: Request;
  res: Response;
}

type Empty = z.ZodObject<Record<string, never>>;

/** One REST route: its access, its inputs' schemas (parsed and documented from the same schema). */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  A extends Access = Access,
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path under /api, e.g. "/tickets/:ticketId/reply". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** The success body; documented in the OpenAPI document. */
  response: z.ZodType;
  /** The success status (default 200); a handler may override it with `res.locals.status`. */
  status?: number;
  /** Errors this route is known to answer with, besides 400/401/403/500. */
  errors?: number[];
  /** The raw body as a Buffer (signature checks) instead of parsed JSON. */
  rawBody?: boolean;
  /** State-changing routes require the X-Requested-With header unless this is false (signed webhooks). */
  csrf?: boolean;
  handler(context: RouteContext<z.output<P>, z.output<Q>, z.output<B>, A>): Promise<unknown>;
}

/** A route whose handler's types come from its schemas. */
export function defineRoute<
  A extends Access,
  P extends z.ZodType = Empty,
  Q extends z.ZodType = Empty,
  B extends z.ZodType = Empty,
>(definition: RouteDefinition<P, Q, B, A>): RouteDefinition {
  return definition as unknown as RouteDefinition;
}
