import { routingGroupsFor, type RoutingGroup } from '../ranked-queue/routing-group.ts';
import type { Ticket } from '../tickets/ticket.ts';

/**
 * Which part of a routing group's line a ticket change moved: every ticket waiting at or after
 * `fromDeadline` (null: the whole group). Tickets ahead of the change keep their place.
 */
export interface PositionRefresh {
  group: RoutingGroup;
  fromDeadline: Date | null;
}

function refreshGroups(ticket: Ticket, fromDeadline: Date): PositionRefresh[] {
  return routingGroupsFor(ticket).map((group) => ({ group, fromDeadline }));
}

/**
 * The parts of the queue whose waiting shoppers have a new place in line after `before` became
 * `after`: a ticket entering the line (opened, released, reopened) pushes back those behind its
 * deadline; one leaving it (claimed, assigned, resolved while open) moves those behind it up (a
 * claim also raises the group's claim rate, but claim-next takes the group's first ticket, so
 * everyone affected is behind it); a re-rank moves those between its old and new deadline.
 * Anything else (replies, notes, changes of tickets not waiting) moves nobody.
 * @example positionRefreshesAfter(null, openedTicket) // [{ group: 'en:shipping', fromDeadline: openedTicket.deadline }]
 */
export function positionRefreshesAfter(before: Ticket | null, after: Ticket): PositionRefresh[] {
  const wasWaiting = before?.status === 'open';
  const isWaiting = after.status === 'open';
  if (!wasWaiting && isWaiting) return refreshGroups(after, after.deadline);
  if (wasWaiting && !isWaiting) return refreshGroups(before, before.deadline);
  if (wasWaiting && isWaiting && before.deadline.getTime() !== after.deadline.getTime()) {
    return refreshGroups(after, before.deadline < after.deadline ? before.deadline : after.deadline);
  }
  return [];
}

/** Two pending refreshes of one group as one: from the earlier point (null, the whole group, wins). */
export function mergeRefreshPoints(a: Date | null, b: Date | null): Date | null {
  if (a === null || b === null) return null;
  return a <= b ? a : b;
}
