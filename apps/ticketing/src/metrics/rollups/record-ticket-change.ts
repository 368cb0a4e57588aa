import { AppError } from '@loyaldesk/platform/errors';
import {
  followUpChanged,
  followUpContribution,
  nextFollowUp,
  withResolution,
  type FollowUpTicket,
  type TicketFollowUp,
} from '../definitions/follow-up.ts';
import { ticketContribution } from '../definitions/ticket-contribution.ts';
import type { MetricsStores } from '../storage/metrics-stores.ts';
import { contributionDelta } from './rollup-increments.ts';

const maxAttempts = 8;

/**
 * Updates the rollups for one ticket write: applies contribution(after) − contribution(before)
 * with `$inc` (nothing when the change does not touch a metric), and keeps the ticket's
 * follow-up (SLA outcome at resolution, for repurchase after support) in step. Call it after every
 * successful ticket write with the ticket exactly as it was before that write (null when created)
 * and as it is after: the deltas then add up to the final tickets' contributions in any order.
 */
export async function recordTicketChange(
  stores: Pick<MetricsStores, 'rollups' | 'followUps'>,
  before: FollowUpTicket | null,
  after: FollowUpTicket,
): Promise<void> {
  const delta = contributionDelta(before ? ticketContribution(before) : [], ticketContribution(after));
  if (delta.size > 0) await stores.rollups.apply(delta);
  if (followUpChanged(before, after)) await syncFollowUp(stores, after);
}

async function syncFollowUp(
  stores: Pick<MetricsStores, 'rollups' | 'followUps'>,
  ticket: FollowUpTicket,
): Promise<void> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await stores.followUps.findFollowUp(ticket.id);
    const next = nextFollowUp(current, ticket);
    if (!next) return;
    if (!(await stores.followUps.writeFollowUp(next, current?.revision ?? null))) continue;
    const delta = contributionDelta(followUpContribution(current), followUpContribution(next));
    if (delta.size > 0) await stores.rollups.apply(delta);
    if (current && current.customerId !== next.customerId)
      await updateRecent(stores, current.customerId, current.ticketId, null);
    await updateRecent(stores, next.customerId, next.ticketId, next.resolvedAt);
    return;
  }
  throw new AppError('follow_up_contention', `Too many concurrent writes to the follow-up of ticket ${ticket.id}`, {
    status: 503,
  });
}

async function updateRecent(
  stores: Pick<MetricsStores, 'followUps'>,
  customerId: TicketFollowUp['customerId'],
  ticketId: string,
  resolvedAt: Date | null,
): Promise<void> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await stores.followUps.findRecentResolutions(customerId);
    const tickets = withResolution(current?.tickets ?? [], ticketId, resolvedAt);
    if (await stores.followUps.writeRecentResolutions(customerId, tickets, current?.revision ?? null)) return;
  }
  throw new AppError('follow_up_contention', `Too many concurrent writes to the recent resolutions of ${customerId}`, {
    status: 503,
  });
}
