// Test-only: tickets built from ranking facts, as openTicket would store them.
import type { Language } from '@loyaldesk/contracts/language';
import type { SlaPolicy } from '@loyaldesk/contracts/policies';
import type { RoutingGroup } from '../ranked-queue/routing-group.ts';
import { routingGroupsFor } from '../ranked-queue/routing-group.ts';
import type { QueueEntry } from '../ranked-queue/ticket-queue.ts';
import { computeDeadline, type TicketFacts } from '../ranking/deadline.ts';
import { newOpenTicket } from '../tickets/open-ticket.ts';
import type { Ticket } from '../tickets/ticket.ts';

export function buildTicket(
  id: string,
  facts: TicketFacts,
  policy: SlaPolicy,
  routing: { language: Language; skill: string } = { language: 'en', skill: 'general' },
): Ticket {
  return newOpenTicket(
    { id, language: routing.language, skill: routing.skill, issueKind: facts.issueKind, channel: 'web', subject: `Ticket ${id}` },
    computeDeadline(facts, policy),
    facts.createdAt,
    { kind: 'system' },
  );
}

export function queueEntryOf(ticket: Ticket): QueueEntry & { groups: RoutingGroup[] } {
  return { ticketId: ticket.id, deadline: ticket.deadline, groups: routingGroupsFor(ticket) };
}

/** Earliest deadline first, ties by id: the order the queue serves. */
export function byDeadline(a: { deadline: Date; id: string }, b: { deadline: Date; id: string }): number {
  return a.deadline.getTime() - b.deadline.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
