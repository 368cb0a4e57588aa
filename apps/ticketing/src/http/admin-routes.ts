import { z } from 'zod';
import { ticketStatuses } from '@loyaldesk/contracts/tickets-api';
import type { TicketIndex } from '../tickets/ticket-index.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

/** Job counts of one background queue (Bull's getJobCounts). */
export type JobCounts = Record<string, number>;

/** Supplies the background queues' counts by queue name (wired from the Bull queues in main). */
export type GetJobCounts = () => Promise<Record<string, JobCounts>>;

/** Admin-only views of the queues: the ticket index by status and the background jobs. */
export function adminRoutes(deps: { index: TicketIndex; getJobCounts?: GetJobCounts }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/admin/queues',
      summary: 'Tickets per status and background job counts per queue (admins)',
      tag: 'admin',
      access: 'admin',
      response: z.object({
        tickets: z.record(z.string(), z.number().int()),
        jobs: z.record(z.string(), z.record(z.string(), z.number())),
      }),
      handler: async () => {
        const counts = await Promise.all(ticketStatuses.map(async (status) => [status, await deps.index.count(status)] as const));
        return { tickets: Object.fromEntries(counts), jobs: deps.getJobCounts ? await deps.getJobCounts() : {} };
      },
    }),
  ];
}
