import { dashboardQuerySchema, dashboardSchema, type DashboardQuery } from '@loyaldesk/contracts/metrics-api';
import { defineRoute, type RouteDefinition } from './route.ts';

/** Supplied by the metrics capability (`metrics.getDashboard`): the period's `Dashboard`, read from rollups. */
export type GetDashboard = (query: DashboardQuery) => Promise<unknown>;

/** The managers' metrics dashboard. */
export function metricsRoutes(deps: { getDashboard: GetDashboard }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/metrics',
      summary: 'Support and retention metrics for a period (managers)',
      description:
        'The period is UTC days `from`–`to` (YYYY-MM-DD, both included, at most 366 days), optionally one tier. First response and resolution time (median, p90), SLA compliance, backlog, CSAT, CES, NPS, reopen rate, per-agent load, bot containment, and retention, from rollups.',
      tag: 'metrics',
      access: 'manager',
      query: dashboardQuerySchema,
      response: dashboardSchema,
      handler: async ({ query }) => deps.getDashboard({ from: query.from, to: query.to, ...(query.tier ? { tier: query.tier } : {}) }),
    }),
  ];
}
