import { z } from 'zod';
import { agentIdSchema } from '@loyaldesk/contracts/agents-api';
import { AppError, isOutageError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';
import { languageAndSkillOf, routingGroupSchema } from '../ranked-queue/routing-group.ts';
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
  /**
   * Called after a confirmed claim with the ticket before and after it (change hooks, live events),
   * and how it was found: from the ranked queue, or from MongoDB while Redis was away (its queue
   * entry is then still there, for the caller to remove).
   */
  onClaimed?: (before: Ticket, after: Ticket, via: 'queue' | 'database') => Promise<void> | void;
}

/** Candidates read per round when claiming from MongoDB; racing agents take some, the next round reads again. */
const databaseCandidates = 10;
const databaseRounds = 5;

/**
 * Gives the agent the open ticket with the earliest deadline across their groups, assigned to
 * them in MongoDB; null when there is none. Two steps: an atomic pop-and-lease in Redis, then a
 * conditional `{_id, status: 'open'}` update. A ticket that is no longer open (claimed directly,
 * closed, a stale queue entry) is dropped and the next one tried. If this process dies between
 * the steps, the lease expires and `requeueExpiredLeases` puts the ticket back.
 * While Redis cannot answer, the ticket comes from MongoDB by the same rule (earliest deadline in
 * the agent's groups), claimed with the same conditional update.
 */
export async function claimNext(deps: ClaimNextDeps, request: ClaimRequest): Promise<Ticket | null> {
  const clock = deps.clock ?? (() => new Date());
  const maxAttempts = deps.maxAttempts ?? 50;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    // Redis away: the agent is not left idle (nor waiting for the client's retries).
    if (deps.queue.away) return claimFromDatabase(deps, request, clock);
    let leased: Awaited<ReturnType<TicketQueue['leaseNext']>>;
    try {
      leased = await deps.queue.leaseNext(request.agentId, request.groups);
    } catch (error) {
      // leaseNext talks to Redis only: it went away during the call.
      if (!isOutageError(error)) throw error;
      deps.logger?.warn({ err: error, agentId: request.agentId }, 'ranked queue unavailable: claiming from MongoDB');
      return claimFromDatabase(deps, request, clock);
    }
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
      await deps.onClaimed?.(claimed.before, ticket, 'queue');
      return ticket;
    }
    await deps.queue.dropLease(leased);
  }
  throw new AppError('claim_contention', 'Too many stale queue entries in a row; try again', { status: 503 });
}

/** The open ticket with the earliest deadline in the agent's groups, read from MongoDB and claimed with `claimIfOpen`. */
async function claimFromDatabase(deps: ClaimNextDeps, request: ClaimRequest, clock: () => Date): Promise<Ticket | null> {
  const groups = request.groups.map(languageAndSkillOf);
  for (let round = 0; round < databaseRounds; round++) {
    const candidates = await deps.tickets.openTicketIdsByDeadline({ groups, limit: databaseCandidates });
    for (const ticketId of candidates) {
      const claimed = await deps.tickets.claimIfOpen({ ticketId, agentId: request.agentId, at: clock() });
      if (!claimed) continue; // another agent was first
      await deps.onClaimed?.(claimed.before, claimed.after, 'database');
      return claimed.after;
    }
    if (candidates.length < databaseCandidates) return null;
  }
  throw new AppError('claim_contention', 'Too many agents claimed the same tickets at once; try again', { status: 503 });
}
