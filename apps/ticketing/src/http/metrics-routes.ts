import { z } from 'zod';
import { tierSchema, type Tier } from '@loyaldesk/customer-profile/schemas';
import { defineRoute, type RouteDefinition } from './route.ts';

/** The manager dashboard's query. */
export interface DashboardQuery {
  from: Date;
  to: Date;
  tier?: Tier;
}

/** Supplied by the metrics capability; reads rollups for the period. */
export type GetDashboard = (query: DashboardQuery) => Promise<unknown>;

const maxDays = 731;

export const dashboardQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
    to: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
    tier: tierSchema.optional(),
  })
  .superRefine((query, ctx) => {
    // zod still runs this after a bad date (a non-fatal issue), with the raw string: check first.
    if (!(query.from instanceof Date) || !(query.to instanceof Date)) return;
    if (query.to.getTime() <= query.from.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    if (query.to.getTime() - query.from.getTime() > maxDays * 86_400_000) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `the period must be at most ${maxDays} days` });
    }
  });

/** The managers' metrics dashboard. */
export function metricsRoutes(deps: { getDashboard: GetDashboard }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Support and retention metrics for a period (managers)',
      description: 'First response and resolution time (median, p90), SLA compliance, backlog, CSAT, CES, NPS, reopen rate, per-agent load, bot containment, and retention, from rollups.',
      tag: 'metrics',
      access: 'manager',
      query: dashboardQuerySchema,
      response: z.record(z.string(), z.unknown()),
      handler: async ({ query }) => deps.getDashboard({ from: query.from, to: query.to, ...(query.tier ? { tier: query.tier } : {}) }),
    }),
  ];
}
