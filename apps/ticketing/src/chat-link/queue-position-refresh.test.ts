import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { mergeRefreshPoints, positionRefreshesAfter } from './queue-position-refresh.ts';

const t0 = new Date('2026-03-01T10:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);
const waiting = (): Ticket => buildTicket('t1', { createdAt: t0, tier: 'silver', valuePercentile: null, issueKind: 'general' }, defaultSlaPolicy);
const withStatus = (ticket: Ticket, status: Ticket['status']): Ticket => ({ ...ticket, status });

describe('positionRefreshesAfter', () => {
  it('refreshes those behind a ticket that enters the line (opened, released, reopened)', () => {
    const ticket = waiting();
    expect(positionRefreshesAfter(null, ticket)).toEqual([{ group: 'en:general', fromDeadline: ticket.deadline }]);
    expect(positionRefreshesAfter(withStatus(ticket, 'assigned'), ticket)).toEqual([{ group: 'en:general', fromDeadline: ticket.deadline }]);
    expect(positionRefreshesAfter(withStatus(ticket, 'resolved'), ticket)).toHaveLength(1);
  });

  it('refreshes those behind a ticket that leaves the line (claimed, assigned, resolved while open)', () => {
    const ticket = waiting();
    for (const status of ['assigned', 'resolved'] as const) {
      expect(positionRefreshesAfter(ticket, withStatus(ticket, status))).toEqual([{ group: 'en:general', fromDeadline: ticket.deadline }]);
    }
  });

  it('refreshes from the earlier of the old and new deadline when a waiting ticket is re-ranked', () => {
    const ticket = waiting();
    const sooner = { ...ticket, deadline: minutes(1) };
    expect(positionRefreshesAfter(ticket, sooner)).toEqual([{ group: 'en:general', fromDeadline: minutes(1) }]);
    expect(positionRefreshesAfter(sooner, ticket)).toEqual([{ group: 'en:general', fromDeadline: minutes(1) }]);
  });

  it('refreshes nobody for changes that move no one (replies, notes, tickets not waiting, a new ticket not queued)', () => {
    const ticket = waiting();
    expect(positionRefreshesAfter(ticket, { ...ticket, version: 2 })).toEqual([]);
    const assigned = withStatus(ticket, 'assigned');
    expect(positionRefreshesAfter(assigned, withStatus(ticket, 'pending'))).toEqual([]);
    expect(positionRefreshesAfter(null, assigned)).toEqual([]);
  });
});

describe('mergeRefreshPoints', () => {
  it('keeps the earlier point, and the whole group once any change asked for it', () => {
    expect(mergeRefreshPoints(minutes(5), minutes(2))).toEqual(minutes(2));
    expect(mergeRefreshPoints(minutes(2), minutes(5))).toEqual(minutes(2));
    expect(mergeRefreshPoints(null, minutes(5))).toBeNull();
    expect(mergeRefreshPoints(minutes(5), null)).toBeNull();
  });
});
