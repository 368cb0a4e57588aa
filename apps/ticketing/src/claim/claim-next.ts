import { z } from 'zod';
import { agentIdSchema } from '@loyaldesk/contracts/agents-api';
import { AppError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import { routingGroupSchema } from '../ranked-queue/routing-group.ts';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import type { TicketRepository } from '../tickets/ticket-repository.ts';
import type { Ticket } from '../tickets/ticket.ts';

/** An agent asking for their next ticket: who, and the routing groups they serve. */
export const claimRequestSchema = z.object({
  agentId: agentIdSchema,
  groups: z.array(routingGroupSchema).min(1, 'must list at least one routing group').max(64),
});
export type ClaimRequest = z.infer<typeof claimRequestSchema>;

export interface ClaimNextDeps {
  queue: TicketQueue;
  tickets: TicketRepository;
  clock?: () => Date;
  logger?: Logger;
  /** Stale entries skipped before giving up (each is one ticket that was no longer open). */
  maxAttempts?: number;
  /** Called after a confirmed claim with the ticket before and after it (change hooks, live events). */
  onClaimed?: (before: Ticket, after: Ticket) => Promise<void> | void;
}

/**
 * Gives the agent the open ticket with the earliest deadline across their groups, assigned to
 * them in MongoDB; null when there is none. Two steps: an atomic pop-and-lease in Redis, then a
 * conditional `{_id, status: 'open'}` update. A ticket that is no longer open (claimed directly,
 * closed, a stale queue entry) is dropped and the next one tried. If this process dies between
 * the steps, the lease expires and `requeueExpiredLeases` puts the ticket back.
 */
export async function claimNext(deps: ClaimNextDeps, request: ClaimRequest): Promise<Ticket | null> {
  const clock = deps.clock ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 50;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const leased = await deps.queue.leaseNext(request.agentId, request.groups);
    if (!leased) return null;
    // A database error here leaves the lease in place: the sweeper decides once the outcome is known.
    const claimed = await deps.tickets.claimIfOpen({
      ticketId: leased.ticketId,
      agentId: request.agentId,
      at: clock(),
    });
    if (claimed) {
      const ticket = claimed.after;
      try {
        await deps.queue.completeClaim(leased);
      } catch (error) {
        // The claim stands (MongoDB is the record); the sweeper drops a lease on a ticket no longer open.
        deps.logger?.warn({ err: error, ticketId: ticket.id }, 'claim confirmed but the lease could not be released');
      }
      await deps.onClaimed?.(claimed.before, ticket);
      return ticket;
    }
    await deps.queue.dropLease(leased);
  }
  throw new AppError('claim_contention', 'Too many stale queue entries in a row; try again', { status: 503 });
}
