import type Bull from 'bull';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { AppError } from '@loyaldesk/platform/errors';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import { routingGroupsFor } from '../ranked-queue/routing-group.ts';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import type { Ticket } from '../tickets/ticket.ts';
import type { SlaKind } from './sla-outcome.ts';
import { decideSlaTimer, type SlaTimerDecision } from './sla-timer-decision.ts';
import { slaTimerJobSchema } from './sla-timer-job.ts';

export interface SlaTimerWorkerDeps {
  /** Reloads the ticket (the job carries ids only). */
  findTicket: (ticketId: string) => Promise<Ticket | null>;
  /**
   * Marks the breach with a write conditional on the ticket still having `deadline` (the timer's)
   * and not having met it, once, and records the change (metrics hook); returns the ticket after,
   * or null when another write decided first. `ticketService.markSlaBreached`.
   */
  markBreached: (ticketId: string, kind: SlaKind, deadline: Date, at: Date) => Promise<Ticket | null>;
  /**
   * Alerts agents and managers live, after the write. Leave it out when `markBreached` already
   * alerts (the ticket service publishes `ticket.sla_breached` for every breach it writes): one
   * alert per breach. For a worker process without the service's publisher, `emitSlaBreached`
   * through a Redis emitter.
   */
  emitSlaBreach?: (ticket: Ticket, kind: SlaKind) => void | Promise<void>;
  /** When given, an open ticket that breached is put back in the queue if it went missing from it. */
  queue?: TicketQueue;
  clock?: () => Date;
  logger?: Logger;
}

/** A timer that fired before its deadline (clock skew between servers): Bull retries it with backoff. */
export class SlaTimerEarlyError extends AppError {
  constructor(ticketId: string, kind: SlaKind) {
    super('sla_timer_early', `The ${kind} timer of ticket ${ticketId} fired before its deadline`, { status: 503 });
  }
}

export type SlaTimerResult = Exclude<SlaTimerDecision, { action: 'retry' }> | { action: 'lost_race' };

/**
 * Handles one SLA timer: reloads the ticket, decides (still unanswered / unresolved, same
 * deadline, deadline passed), marks the breach conditionally, raises the ticket and alerts.
 * Alerts go out only after the write succeeded.
 */
export async function processSlaTimer(deps: SlaTimerWorkerDeps, data: unknown): Promise<SlaTimerResult> {
  const parsed = slaTimerJobSchema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'SLA timer job');
  const job = parsed.data;
  const now = (deps.clock ?? (() => new Date()))();
  const decision = decideSlaTimer(await deps.findTicket(job.ticketId), job.kind, job.deadline, now);
  if (decision.action === 'retry') throw new SlaTimerEarlyError(job.ticketId, job.kind);
  if (decision.action === 'skip') return decision;

  const breached = await deps.markBreached(job.ticketId, job.kind, new Date(job.deadline), now);
  if (!breached) return { action: 'lost_race' };
  // Earliest deadline first already puts an overdue ticket ahead of every ticket not yet due; what
  // raising adds is that a breached open ticket is never missing from the queue.
  if (deps.queue && breached.status === 'open') {
    await deps.queue
      .enqueue({ ticketId: breached.id, deadline: breached.deadline, groups: routingGroupsFor(breached) })
      .catch((error: unknown) =>
        deps.logger?.warn({ err: error, ticketId: breached.id }, 'could not requeue a breached ticket'),
      );
  }
  await deps.emitSlaBreach?.(breached, job.kind);
  deps.logger?.info({ ticketId: breached.id, kind: job.kind }, 'ticket.sla_breached');
  return { action: 'breach' };
}

/**
 * Starts the SLA timer worker on `queue` (the `slaTimers` queue).
 * @example startSlaTimerWorker(slaQueue, { findTicket: tickets.findById, markBreached: ticketService.markSlaBreached });
 */
export function startSlaTimerWorker(queue: Bull.Queue<unknown>, deps: SlaTimerWorkerDeps, concurrency = 8): void {
  startJobWorker(queue, { name: 'SLA timer', concurrency, ...(deps.logger ? { logger: deps.logger } : {}) }, (data) =>
    processSlaTimer(deps, data),
  );
}
