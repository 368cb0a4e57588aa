import type { Ticket } from '../tickets/ticket.ts';
import { slaDeadline, slaOutcome, type SlaFacts, type SlaKind } from './sla-outcome.ts';

/** What a firing SLA timer does: mark the breach, or nothing and why. */
export type SlaTimerDecision =
  | { action: 'breach' }
  | { action: 'skip'; reason: 'missing' | 'deadline_changed' | 'already_breached' | 'met' }
  | { action: 'retry'; reason: 'not_due' };

/**
 * Decides a timer that fired for `kind` at `deadlineMs`, from the ticket as reloaded now. The
 * breach is marked only if the ticket still has that deadline (a re-ranked or reopened ticket has
 * a newer timer), the target was not met, and the deadline has passed.
 * @example decideSlaTimer(unansweredTicket, 'firstResponse', unansweredTicket.deadline.getTime(), later) // { action: 'breach' }
 */
export function decideSlaTimer(
  ticket: (SlaFacts & Pick<Ticket, 'deadline' | 'resolutionDeadline'>) | null,
  kind: SlaKind,
  deadlineMs: number,
  now: Date,
): SlaTimerDecision {
  if (!ticket) return { action: 'skip', reason: 'missing' };
  if (slaDeadline(ticket, kind).getTime() !== deadlineMs) return { action: 'skip', reason: 'deadline_changed' };
  if (ticket.slaBreaches[kind] !== null) return { action: 'skip', reason: 'already_breached' };
  if (slaOutcome(ticket, kind) === 'met') return { action: 'skip', reason: 'met' };
  if (now.getTime() < deadlineMs) return { action: 'retry', reason: 'not_due' };
  return { action: 'breach' };
}
