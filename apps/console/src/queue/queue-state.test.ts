import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '@loyaldesk/contracts/tickets-api';
import {
  applyQueueChanged,
  applySlaBreached,
  applySummary,
  applyTicketClaimed,
  defaultFilters,
  emptyQueue,
  filtersToQuery,
  loadQueue,
  matchesFilters,
  sortTickets,
} from './queue-state.ts';

function summary(id: string, deadline: string, overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id,
    status: 'open',
    subject: `Ticket ${id}`,
    channel: 'chat',
    conversationId: `conv_${id}`,
    customerId: `cus_${id}`,
    customerName: null,
    tier: 'bronze',
    valuePercentile: 50,
    language: 'en',
    skill: 'general',
    issueKind: 'general',
    createdAt: '2026-01-01T00:00:00.000Z',
    deadline,
    resolutionDeadline: '2026-01-03T00:00:00.000Z',
    explanation: 'Bronze, general question: target 270 min',
    assigneeId: null,
    breached: false,
    proactive: null,
    messageCount: 1,
    reopenCount: 0,
    updatedAt: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

const a = summary('a', '2026-01-01T01:00:00.000Z');
const b = summary('b', '2026-01-01T02:00:00.000Z');
const c = summary('c', '2026-01-01T03:00:00.000Z');
const loaded = loadQueue(emptyQueue, [c, a, b], 'open', false);
const ids = (items: readonly TicketSummary[]): string[] => items.map((item) => item.id);

describe('queue ordering', () => {
  it('serves open tickets earliest deadline first, ties by id', () => {
    const tie = summary('0', a.deadline);
    expect(ids(sortTickets([c, a, tie, b], 'open'))).toEqual(['0', 'a', 'b', 'c']);
  });
  it('lists resolved tickets newest first', () => {
    const old = summary('old', a.deadline, { status: 'resolved', updatedAt: '2026-01-01T00:00:00.000Z' });
    const recent = summary('new', a.deadline, { status: 'resolved', updatedAt: '2026-01-02T00:00:00.000Z' });
    expect(ids(sortTickets([old, recent], 'resolved'))).toEqual(['new', 'old']);
  });
  it('marks tickets that arrived after the first load', () => {
    const d = summary('d', '2026-01-01T00:30:00.000Z');
    const next = loadQueue(loaded, [a, b, c, d], 'open', true);
    expect(ids(next.items)).toEqual(['d', 'a', 'b', 'c']);
    expect([...next.arrived]).toEqual(['d']);
  });
});

describe('socket events merged into the queue', () => {
  it('moves a re-ranked ticket to its new deadline and asks for the server copy', () => {
    const result = applyQueueChanged(loaded, { ticketId: 'c', status: 'open', reason: 'reranked', deadline: '2026-01-01T00:15:00.000Z' }, defaultFilters);
    expect(ids(result.state.items)).toEqual(['c', 'a', 'b']);
    expect(result.refetch).toBe(true);
  });
  it('drops a claimed ticket from the open queue without a refetch', () => {
    const result = applyQueueChanged(loaded, { ticketId: 'a', status: 'assigned', reason: 'claimed', deadline: a.deadline }, defaultFilters);
    expect(ids(result.state.items)).toEqual(['b', 'c']);
    expect(result.refetch).toBe(false);
  });
  it('asks for a refetch when an unknown ticket enters the filtered status', () => {
    const result = applyQueueChanged(loaded, { ticketId: 'z', status: 'open', reason: 'opened', deadline: a.deadline }, defaultFilters);
    expect(result.state).toBe(loaded);
    expect(result.refetch).toBe(true);
    expect(applyQueueChanged(loaded, { ticketId: 'z', status: 'resolved', reason: 'resolved', deadline: a.deadline }, defaultFilters).refetch).toBe(false);
  });
  it('applies a claim: gone from open, kept in "assigned to me"', () => {
    const claim = { ticketId: 'b', agentId: 'me', at: '2026-01-01T00:05:00.000Z' };
    expect(ids(applyTicketClaimed(loaded, claim, defaultFilters, 'me').items)).toEqual(['a', 'c']);
    const mine = loadQueue(emptyQueue, [{ ...b, status: 'assigned', assigneeId: 'me' }], 'assigned', false);
    const filters = { ...defaultFilters, status: 'assigned' as const, assignee: 'me' };
    expect(ids(applyTicketClaimed(mine, claim, filters, 'me').items)).toEqual(['b']);
  });
  it('upserts a newer summary, ignores an older one, drops one that no longer matches', () => {
    const newer = { ...b, deadline: '2026-01-01T00:10:00.000Z', version: 2 };
    const moved = applySummary(loaded, newer, defaultFilters, 'me');
    expect(ids(moved.items)).toEqual(['b', 'a', 'c']);
    expect(applySummary(moved, { ...b, version: 1 }, defaultFilters, 'me')).toBe(moved);
    expect(ids(applySummary(moved, { ...newer, status: 'resolved', version: 3 }, defaultFilters, 'me').items)).toEqual(['a', 'c']);
    const added = applySummary(loaded, summary('n', '2026-01-01T00:01:00.000Z'), defaultFilters, 'me');
    expect(ids(added.items)[0]).toBe('n');
    expect(added.arrived.has('n')).toBe(true);
  });
  it('marks a breached ticket', () => {
    expect(applySlaBreached(loaded, 'b').items.find((item) => item.id === 'b')?.breached).toBe(true);
  });
});

describe('filters', () => {
  it('matches tier, language, breach and assignee', () => {
    expect(matchesFilters(a, { ...defaultFilters, tier: 'gold' }, 'me')).toBe(false);
    expect(matchesFilters({ ...a, language: 'zh-Hans' }, { ...defaultFilters, language: 'zh-Hans' }, 'me')).toBe(true);
    expect(matchesFilters(a, { ...defaultFilters, breached: 'true' }, 'me')).toBe(false);
    expect(matchesFilters({ ...a, assigneeId: 'me' }, { ...defaultFilters, assignee: 'me' }, 'me')).toBe(true);
  });
  it('builds the list query', () => {
    expect(filtersToQuery({ ...defaultFilters, tier: 'gold', breached: 'false' })).toBe('status=open&limit=50&tier=gold&breached=false');
  });
});
