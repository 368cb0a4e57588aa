import type { QueueChangedEvent, TicketClaimedEvent } from '@loyaldesk/contracts/agents-events';
import type { Language } from '@loyaldesk/contracts/language';
import { activeTicketStatuses, type TicketStatus, type TicketSummary } from '@loyaldesk/contracts/tickets-api';
import type { Tier } from '@loyaldesk/contracts/tier';

/** The queue filters an agent picks; empty string = any. */
export interface QueueFilters {
  status: TicketStatus;
  tier: Tier | '';
  /** '' any, 'me', or an agent id. */
  assignee: string;
  breached: '' | 'true' | 'false';
  language: Language | '';
}

export const defaultFilters: QueueFilters = { status: 'open', tier: '', assignee: '', breached: '', language: '' };

/** The query string of GET /api/tickets for these filters. */
export function filtersToQuery(filters: QueueFilters, limit = 50): string {
  const params = new URLSearchParams({ status: filters.status, limit: String(limit) });
  if (filters.tier) params.set('tier', filters.tier);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.breached) params.set('breached', filters.breached);
  if (filters.language) params.set('language', filters.language);
  return params.toString();
}

export interface QueueState {
  items: TicketSummary[];
  /** Tickets that arrived by a live event since the list was loaded (highlighted briefly). */
  arrived: ReadonlySet<string>;
}

export const emptyQueue: QueueState = { items: [], arrived: new Set() };

/**
 * The queue's order, as ticketing serves it: open, assigned and pending tickets by deadline
 * (earliest first; ties by id), resolved and closed ones newest first.
 */
export function sortTickets(items: readonly TicketSummary[], status: TicketStatus): TicketSummary[] {
  const copy = [...items];
  if (activeTicketStatuses.includes(status)) {
    copy.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } else {
    copy.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  }
  return copy;
}

/** Whether a ticket belongs in the list under these filters (`me` = the signed-in agent). */
export function matchesFilters(ticket: TicketSummary, filters: QueueFilters, meId: string): boolean {
  if (ticket.status !== filters.status) return false;
  if (filters.tier && ticket.tier !== filters.tier) return false;
  if (filters.language && ticket.language !== filters.language) return false;
  if (filters.breached && String(ticket.breached) !== filters.breached) return false;
  if (filters.assignee) {
    const wanted = filters.assignee === 'me' ? meId : filters.assignee;
    if (ticket.assigneeId !== wanted) return false;
  }
  return true;
}

/** A freshly loaded list replaces the state; tickets not seen before are marked arrived when asked. */
export function loadQueue(state: QueueState, items: readonly TicketSummary[], status: TicketStatus, markNew: boolean): QueueState {
  const known = new Set(state.items.map((item) => item.id));
  const arrived = new Set(markNew ? items.filter((item) => !known.has(item.id)).map((item) => item.id) : []);
  for (const id of state.arrived) if (items.some((item) => item.id === id)) arrived.add(id);
  return { items: sortTickets(items, status), arrived };
}

/**
 * Applies `queue.changed`: a ticket that left the filtered status leaves the list, a re-ranked one
 * moves to its new deadline. `refetch` says the list needs the server's copy: a ticket entered
 * that we have no summary for (its tier, value and explanation come only from the API).
 */
export function applyQueueChanged(
  state: QueueState,
  event: QueueChangedEvent,
  filters: QueueFilters,
): { state: QueueState; refetch: boolean } {
  const index = state.items.findIndex((item) => item.id === event.ticketId);
  if (index < 0) return { state, refetch: event.status === filters.status || event.reason === 'reranked' };
  if (event.status !== filters.status) {
    return { state: { ...state, items: state.items.filter((item) => item.id !== event.ticketId) }, refetch: false };
  }
  const items = state.items.map((item) =>
    item.id === event.ticketId ? { ...item, status: event.status, deadline: event.deadline } : item,
  );
  // A re-rank changes the explanation too, which only the server has: take its copy.
  return { state: { ...state, items: sortTickets(items, filters.status) }, refetch: event.reason === 'reranked' };
}

/** Applies `ticket.claimed`: the assignee changes; in a list of open tickets it is no longer waiting. */
export function applyTicketClaimed(state: QueueState, event: TicketClaimedEvent, filters: QueueFilters, meId: string): QueueState {
  const items = state.items
    .map((item) => (item.id === event.ticketId ? { ...item, assigneeId: event.agentId, status: 'assigned' as const } : item))
    .filter((item) => item.id !== event.ticketId || matchesFilters(item, filters, meId));
  return { ...state, items };
}

/** Applies a ticket's new summary (`ticket.updated`, or an action's answer): upsert, drop or move. */
export function applySummary(state: QueueState, summary: TicketSummary, filters: QueueFilters, meId: string): QueueState {
  const current = state.items.find((item) => item.id === summary.id);
  if (current && current.version > summary.version) return state; // an older copy arriving late
  const rest = state.items.filter((item) => item.id !== summary.id);
  if (!matchesFilters(summary, filters, meId)) return { ...state, items: rest };
  const arrived = current ? state.arrived : new Set([...state.arrived, summary.id]);
  return { items: sortTickets([...rest, summary], filters.status), arrived };
}

/** Marks a ticket breached (`ticket.sla_breached`). */
export function applySlaBreached(state: QueueState, ticketId: string): QueueState {
  if (!state.items.some((item) => item.id === ticketId)) return state;
  return { ...state, items: state.items.map((item) => (item.id === ticketId ? { ...item, breached: true } : item)) };
}
