import type { Ticket } from '../tickets/ticket.ts';

/** The two SLA targets every ticket has; stable values (job ids, rollup counters, alerts). */
export const slaKinds = ['firstResponse', 'resolution'] as const;
export type SlaKind = (typeof slaKinds)[number];

/** met: done by the deadline; breached: missed it; pending: not decided yet. */
export type SlaOutcome = 'met' | 'breached' | 'pending';

/** What the SLA rules read from a ticket. */
export type SlaFacts = Pick<
  Ticket,
  'deadline' | 'resolutionDeadline' | 'firstRepliedAt' | 'resolvedAt' | 'slaBreaches'
>;

/** The deadline a target is measured against. */
export function slaDeadline(ticket: Pick<Ticket, 'deadline' | 'resolutionDeadline'>, kind: SlaKind): Date {
  return kind === 'firstResponse' ? ticket.deadline : ticket.resolutionDeadline;
}

/**
 * The first-response target: met when the first public agent reply came by the deadline. A ticket
 * resolved without any reply owed none after its resolution, so it counts as answered then. A
 * breach the SLA worker recorded stays a breach.
 * @example firstResponseOutcome({ ...facts, firstRepliedAt: beforeDeadline }) // 'met'
 */
export function firstResponseOutcome(ticket: SlaFacts): SlaOutcome {
  if (ticket.slaBreaches.firstResponse !== null) return 'breached';
  const answeredAt = ticket.firstRepliedAt ?? ticket.resolvedAt;
  if (answeredAt === null) return 'pending';
  return answeredAt.getTime() <= ticket.deadline.getTime() ? 'met' : 'breached';
}

/** The resolution target: met when (the latest) resolution came by the resolution deadline. */
export function resolutionOutcome(ticket: SlaFacts): SlaOutcome {
  if (ticket.slaBreaches.resolution !== null) return 'breached';
  if (ticket.resolvedAt === null) return 'pending';
  return ticket.resolvedAt.getTime() <= ticket.resolutionDeadline.getTime() ? 'met' : 'breached';
}

export function slaOutcome(ticket: SlaFacts, kind: SlaKind): SlaOutcome {
  return kind === 'firstResponse' ? firstResponseOutcome(ticket) : resolutionOutcome(ticket);
}

/**
 * The ticket as a whole, as SLA compliance counts it: met when every deadline was met, breached as
 * soon as one was missed, pending otherwise.
 */
export function ticketSlaOutcome(ticket: SlaFacts): SlaOutcome {
  const outcomes = slaKinds.map((kind) => slaOutcome(ticket, kind));
  if (outcomes.includes('breached')) return 'breached';
  return outcomes.every((outcome) => outcome === 'met') ? 'met' : 'pending';
}

/**
 * When the ticket's outcome became final: for a breach, the earliest missed deadline; for met,
 * the resolution. Null while pending.
 */
export function ticketSlaDecidedAt(ticket: SlaFacts): Date | null {
  const outcome = ticketSlaOutcome(ticket);
  if (outcome === 'pending') return null;
  if (outcome === 'met') return ticket.resolvedAt;
  const missed = slaKinds
    .filter((kind) => slaOutcome(ticket, kind) === 'breached')
    .map((kind) => slaDeadline(ticket, kind));
  return missed.reduce((earliest, at) => (at.getTime() < earliest.getTime() ? at : earliest));
}
