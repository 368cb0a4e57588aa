import { describe, expect, it } from 'vitest';
import { ticketLimits, ticketStatuses } from '@loyaldesk/contracts/tickets-api';
import { defaultSlaPolicy } from '../policy/sla-policy.ts';
import { computeDeadline, deadlineFromBreakdown } from '../ranking/deadline.ts';
import { buildTicket } from '../testing/ticket-fixtures.ts';
import { InvalidTransitionError, MessageLimitError, NotAssigneeError } from './ticket-errors.ts';
import {
  appendOnlyShopperMessageStatuses,
  applyTicketChange,
  mergeSurveyAnswers,
  planTicketChange,
  rankingStartedAt,
  type Requester,
  type TicketCommand,
} from './ticket-lifecycle.ts';
import type { Ticket, TicketMessage } from './ticket.ts';

const t0 = new Date('2025-03-01T10:00:00.000Z');
const later = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);
const ada: Requester = { actor: { kind: 'agent', id: 'ada' }, role: 'agent' };
const bob: Requester = { actor: { kind: 'agent', id: 'bob' }, role: 'agent' };
const boss: Requester = { actor: { kind: 'agent', id: 'boss' }, role: 'manager' };
const open = (): Ticket =>
  buildTicket('t1', { createdAt: t0, tier: 'gold', valuePercentile: 50, issueKind: 'general' }, defaultSlaPolicy);

function run(ticket: Ticket, command: TicketCommand, requester: Requester, at: Date): Ticket {
  const change = planTicketChange(ticket, command, requester, at);
  if (!change) throw new Error('expected a change');
  return applyTicketChange(ticket, change, at);
}

function message(kind: TicketMessage['author']['kind'], visibility: TicketMessage['visibility'], id?: string): TicketMessage {
  return { id: `m${Math.random()}`.replace('.', ''), author: { kind, ...(id ? { id } : {}) }, visibility, body: 'hi', at: t0 };
}

describe('planTicketChange', () => {
  it('walks open → assigned → pending → assigned → resolved → closed, recording who and when', () => {
    let ticket = run(open(), { type: 'claim' }, ada, later(1));
    expect(ticket).toMatchObject({ status: 'assigned', assigneeId: 'ada', assignedAt: later(1), version: 1 });
    ticket = run(ticket, { type: 'pending' }, ada, later(2));
    ticket = run(ticket, { type: 'message', message: message('customer', 'public') }, { actor: { kind: 'customer' } }, later(3));
    expect(ticket.status).toBe('assigned');
    ticket = run(ticket, { type: 'resolve' }, ada, later(4));
    expect(ticket.resolvedAt).toEqual(later(4));
    ticket = run(ticket, { type: 'close' }, ada, later(5));
    expect(ticket.closedAt).toEqual(later(5));
    expect(ticket.history.map((h) => [h.from, h.to, h.by.id ?? h.by.kind, h.at.getTime() - t0.getTime()])).toEqual([
      [null, 'open', 'system', 0],
      ['open', 'assigned', 'ada', 60_000],
      ['assigned', 'pending', 'ada', 120_000],
      ['pending', 'assigned', 'customer', 180_000],
      ['assigned', 'resolved', 'ada', 240_000],
      ['resolved', 'closed', 'ada', 300_000],
    ]);
  });

  it('sets firstRepliedAt on the first public agent reply only: not bot, system or internal notes', () => {
    let ticket = run(open(), { type: 'claim' }, ada, later(1));
    ticket = run(ticket, { type: 'message', message: message('bot', 'public') }, { actor: { kind: 'system' } }, later(2));
    ticket = run(ticket, { type: 'message', message: message('agent', 'internal', 'ada') }, ada, later(3));
    ticket = run(ticket, { type: 'message', message: message('system', 'public') }, { actor: { kind: 'system' } }, later(4));
    expect(ticket.firstRepliedAt).toBeNull();
    ticket = run(ticket, { type: 'message', message: message('agent', 'public', 'ada') }, ada, later(5));
    expect(ticket.firstRepliedAt).toEqual(later(5));
    ticket = run(ticket, { type: 'message', message: message('agent', 'public', 'ada') }, ada, later(6));
    expect(ticket.firstRepliedAt).toEqual(later(5));
    expect(ticket.messages).toHaveLength(5);
  });

  it('gives an open ticket to the agent who answers it', () => {
    const change = planTicketChange(open(), { type: 'message', message: message('agent', 'public', 'bob') }, bob, later(1));
    expect(change?.set).toMatchObject({ status: 'assigned', assigneeId: 'bob', firstRepliedAt: later(1) });
    expect(change?.queue).toBe('remove');
  });

  it('reopens at a fresh deadline that the stored breakdown reproduces', () => {
    let ticket = run(open(), { type: 'resolve' }, ada, later(10));
    const ranked = computeDeadline({ createdAt: later(600), tier: 'gold', valuePercentile: 50, issueKind: 'general' }, defaultSlaPolicy);
    ticket = run(ticket, { type: 'reopen', ranked }, ada, later(600));
    expect(ticket).toMatchObject({ status: 'open', reopenCount: 1, resolvedAt: null, closedAt: null, assigneeId: null });
    expect(rankingStartedAt(ticket)).toEqual(later(600));
    expect(deadlineFromBreakdown(rankingStartedAt(ticket), ticket.breakdown).deadline).toEqual(ticket.deadline);
    expect(() => planTicketChange(ticket, { type: 'reopen', ranked }, ada, later(601))).toThrow(InvalidTransitionError);
  });

  it('refuses transitions that do not apply', () => {
    const closed = run(run(open(), { type: 'resolve' }, ada, later(1)), { type: 'close' }, ada, later(2));
    expect(() => planTicketChange(open(), { type: 'pending' }, ada, later(1))).toThrow(InvalidTransitionError);
    expect(() => planTicketChange(open(), { type: 'close' }, ada, later(1))).toThrow(InvalidTransitionError);
    expect(() => planTicketChange(open(), { type: 'release' }, ada, later(1))).toThrow(InvalidTransitionError);
    expect(() => planTicketChange(closed, { type: 'resolve' }, ada, later(3))).toThrow(InvalidTransitionError);
    expect(() => planTicketChange(closed, { type: 'message', message: message('agent', 'public', 'ada') }, ada, later(3))).toThrow(
      InvalidTransitionError,
    );
    // Internal notes stay possible on a closed ticket.
    expect(planTicketChange(closed, { type: 'message', message: message('agent', 'internal', 'ada') }, ada, later(3))).not.toBeNull();
  });

  it('lets only the assignee or a manager release, resolve or set pending; only managers assign', () => {
    const adas = run(open(), { type: 'claim' }, ada, later(1));
    expect(() => planTicketChange(adas, { type: 'release' }, bob, later(2))).toThrow(NotAssigneeError);
    expect(() => planTicketChange(adas, { type: 'resolve' }, bob, later(2))).toThrow(NotAssigneeError);
    expect(() => planTicketChange(adas, { type: 'assign', agentId: 'bob' }, bob, later(2))).toThrow(NotAssigneeError);
    expect(planTicketChange(adas, { type: 'release' }, boss, later(2))?.queue).toBe('enqueue');
    const reassigned = run(adas, { type: 'assign', agentId: 'bob' }, boss, later(2));
    expect(reassigned).toMatchObject({ status: 'assigned', assigneeId: 'bob' });
    expect(reassigned.history.at(-1)).toMatchObject({ from: 'assigned', to: 'assigned', action: 'assign', assigneeId: 'bob' });
  });

  it('only appends a shopper message in exactly the statuses the one-write path takes (appendOnlyShopperMessageStatuses)', () => {
    const shopper: Requester = { actor: { kind: 'customer' } };
    const appendOnly = ticketStatuses.filter((status) => {
      const ticket: Ticket = { ...open(), status, assigneeId: status === 'open' ? null : 'ada' };
      const incoming = message('customer', 'public');
      try {
        const change = planTicketChange(ticket, { type: 'message', message: incoming }, shopper, later(1));
        return JSON.stringify(change) === JSON.stringify({ set: {}, message: incoming, queue: 'none' });
      } catch {
        return false;
      }
    });
    expect(appendOnly).toEqual([...appendOnlyShopperMessageStatuses]);
  });

  it('refuses a message past the per-ticket limit', () => {
    const full = { ...open(), messages: Array.from({ length: ticketLimits.messagesPerTicket }, () => message('customer', 'public')) };
    expect(() => planTicketChange(full, { type: 'message', message: message('agent', 'internal', 'ada') }, ada, later(1))).toThrow(
      MessageLimitError,
    );
  });

  it('marks each SLA breach once, and never a deadline that was met', () => {
    const ticket = open();
    const breach = (at: Date) => ({ type: 'sla_breach' as const, kind: 'firstResponse' as const, deadline: ticket.deadline, at });
    const breached = run(ticket, breach(later(300)), { actor: { kind: 'system' } }, later(300));
    expect(breached.slaBreaches).toEqual({ firstResponse: later(300), resolution: null });
    expect(planTicketChange(breached, breach(later(301)), { actor: { kind: 'system' } }, later(301))).toBeNull();
    const answered = { ...ticket, firstRepliedAt: later(1) };
    expect(planTicketChange(answered, breach(later(300)), { actor: { kind: 'system' } }, later(300))).toBeNull();
    // Resolved without a reply before the deadline: no reply was owed after that.
    const resolvedInTime = { ...ticket, status: 'resolved' as const, resolvedAt: later(1) };
    expect(planTicketChange(resolvedInTime, breach(later(300)), { actor: { kind: 'system' } }, later(300))).toBeNull();
  });

  it('leaves a ticket alone when its deadline moved after the SLA timer was set (re-ranked, reopened)', () => {
    const ticket = open();
    const moved = { ...ticket, deadline: new Date(ticket.deadline.getTime() + 60_000) };
    const command = { type: 'sla_breach' as const, kind: 'firstResponse' as const, deadline: ticket.deadline, at: later(300) };
    expect(planTicketChange(moved, command, { actor: { kind: 'system' } }, later(300))).toBeNull();
    const resolution = { ...command, kind: 'resolution' as const, deadline: new Date(ticket.resolutionDeadline.getTime() - 1) };
    expect(planTicketChange(ticket, resolution, { actor: { kind: 'system' } }, later(300))).toBeNull();
    expect(planTicketChange(ticket, { ...resolution, deadline: ticket.resolutionDeadline }, { actor: { kind: 'system' } }, later(300))).not.toBeNull();
  });

  it('re-ranks only open tickets whose deadline moves', () => {
    const ticket = open();
    const same = computeDeadline({ createdAt: t0, tier: 'gold', valuePercentile: 50, issueKind: 'general' }, defaultSlaPolicy);
    const platinum = computeDeadline({ createdAt: t0, tier: 'platinum', valuePercentile: 99, issueKind: 'general' }, defaultSlaPolicy);
    const system: Requester = { actor: { kind: 'system' } };
    expect(planTicketChange(ticket, { type: 'rerank', ranked: same }, system, later(1))).toBeNull();
    expect(planTicketChange(ticket, { type: 'rerank', ranked: platinum }, system, later(1))?.queue).toBe('reschedule');
    const claimed = run(ticket, { type: 'claim' }, ada, later(1));
    expect(planTicketChange(claimed, { type: 'rerank', ranked: platinum }, system, later(2))).toBeNull();
  });
});

describe('shopper messages and surveys delivered more than once', () => {
  const shopper: Requester = { actor: { kind: 'customer' } };

  it('adds a message whose id the ticket already has only once', () => {
    const chatMessage: TicketMessage = { ...message('customer', 'public'), id: 'msg_chat_1' };
    const once = run(open(), { type: 'message', message: chatMessage }, shopper, later(1));
    expect(once.messages.map((m) => m.id)).toContain('msg_chat_1');
    expect(planTicketChange(once, { type: 'message', message: { ...chatMessage, body: 'again' } }, shopper, later(2))).toBeNull();
  });

  it('merges survey answers in any order and ignores a redelivery', () => {
    const resolved = run(run(open(), { type: 'claim' }, ada, later(1)), { type: 'resolve' }, ada, later(2));
    const csat = { csat: 5, answeredAt: later(3) };
    const csatAndCes = { csat: 5, ces: 6, answeredAt: later(4) };
    const inOrder = run(run(resolved, { type: 'survey', survey: csat }, shopper, later(3)), { type: 'survey', survey: csatAndCes }, shopper, later(4));
    const newestFirst = run(resolved, { type: 'survey', survey: csatAndCes }, shopper, later(4));
    expect(inOrder.survey).toEqual({ csat: 5, ces: 6, answeredAt: later(4) });
    expect(newestFirst.survey).toEqual(inOrder.survey);
    // The older delivery arriving last changes nothing.
    expect(planTicketChange(newestFirst, { type: 'survey', survey: csat }, shopper, later(5))).toBeNull();
    expect(planTicketChange(inOrder, { type: 'survey', survey: csatAndCes }, shopper, later(6))).toBeNull();
  });

  it('takes a survey that arrives after the shopper wrote again and reopened the ticket, not one for a ticket never resolved', () => {
    const resolved = run(run(open(), { type: 'claim' }, ada, later(1)), { type: 'resolve' }, ada, later(2));
    const ranked = computeDeadline({ createdAt: later(3), tier: 'gold', valuePercentile: 50, issueKind: 'general' }, defaultSlaPolicy);
    const reopened = run(resolved, { type: 'reopen', ranked }, shopper, later(3));
    expect(reopened.status).toBe('open');
    const csat = { csat: 4, answeredAt: later(4) };
    expect(run(reopened, { type: 'survey', survey: csat }, shopper, later(4)).survey).toEqual(csat);
    expect(() => planTicketChange(open(), { type: 'survey', survey: csat }, shopper, later(4))).toThrow(InvalidTransitionError);
  });

  it('keeps stored answers the incoming survey lacks and takes the latest time', () => {
    expect(mergeSurveyAnswers({ nps: 9, answeredAt: later(9) }, { csat: 2, answeredAt: later(1) })).toEqual({
      csat: 2,
      nps: 9,
      answeredAt: later(9),
    });
    expect(mergeSurveyAnswers(null, { ces: 3, answeredAt: later(1) })).toEqual({ ces: 3, answeredAt: later(1) });
  });
});
