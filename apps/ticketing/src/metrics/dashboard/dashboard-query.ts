import { z } from 'zod';
import { tierSchema } from '@loyaldesk/customer-profile/schemas';
import { daysBetween, daySchema } from '../rollups/rollup-keys.ts';

/** The longest period a dashboard covers, in days (its cost is one rollup read per day). */
export const maxDashboardDays = 366;

/** A manager's dashboard query: a period of UTC days, both included, optionally one tier. */
export const dashboardQuerySchema = z
  .object({
    from: daySchema,
    to: daySchema,
    tier: tierSchema.optional(),
  })
  .superRefine((query, ctx) => {
    const days = daysBetween(query.from, query.to) + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (days > maxDashboardDays) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `must be at most ${maxDashboardDays} days before to` });
    }
  });
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;
