import { hasRole, type AgentRole } from '@loyaldesk/contracts/agents-api';
import {
  activeTicketStatuses,
  ticketLimits,
  type Actor,
  type TicketAction,
  type TicketStatus,
} from '@loyaldesk/contracts/tickets-api';
import type { TicketDeadline } from '../ranking/deadline.ts';
import { slaDeadline, slaOutcome, type SlaKind } from '../sla/sla-outcome.ts';
import { mergeAnswers, sameAnswers } from './survey-answers.ts';
import { InvalidTransitionError, MessageLimitError, NotAssigneeError } from './ticket-errors.ts';
import type { StatusChange, Ticket, TicketMessage, TicketSurvey } from './ticket.ts';

/** Who asks for a change: an actor, and for agents their role (managers may act on anyone's ticket). */
export interface Requester {
  actor: Actor;
  role?: AgentRole;
}

/** What can happen to a ticket. Deadlines come in computed (ranking needs I/O; the rules do not). */
export type TicketCommand =
  | { type: 'claim' }
  | { type: 'assign'; agentId: string }
  | { type: 'release' }
  | { type: 'pending' }
  | { type: 'resolve' }
  | { type: 'close' }
  | { type: 'reopen'; ranked: TicketDeadline }
  | { type: 'message'; message: TicketMessage }
  /** `deadline`: the deadline the SLA timer was set for; a ticket whose deadline moved since is left alone. */
  | { type: 'sla_breach'; kind: SlaKind; deadline: Date; at: Date }
  | { type: 'rerank'; ranked: TicketDeadline }
  | { type: 'survey'; survey: TicketSurvey }
  /** A shopper's chat joins a ticket opened without one (a proactive ticket): `note` tells the agent why. */
  | { type: 'join_conversation'; conversationId: string; note: TicketMessage };

/** The fields a change sets, as one `$set`. */
export type TicketFields = Partial<Omit<Ticket, 'id' | 'history' | 'messages' | 'version' | 'updatedAt'>>;

/** What to do to the queue after the write. */
export type QueueEffect = 'enqueue' | 'remove' | 'reschedule' | 'none';

/** One write: fields to set, at most one history entry and one message to append, and the queue effect. */
export interface TicketChange {
  set: TicketFields;
  history?: StatusChange;
  message?: TicketMessage;
  queue: QueueEffect;
}


/**
 * The statuses in which a shopper's message is only appended (`planTicketChange` sets nothing,
 * records no history, leaves the queue): there, a chat message can be written with one conditional
 * append (`TicketRepository.appendMessageIf`) instead of a read, a plan and a versioned write.
 */
export const appendOnlyShopperMessageStatuses = ['open', 'assigned'] as const satisfies readonly TicketStatus[];

function requireStatus(ticket: Ticket, action: string, allowed: readonly TicketStatus[]): void {
  if (!allowed.includes(ticket.status)) throw new InvalidTransitionError(action, ticket.status, allowed);
}

function isStaffOverride(requester: Requester): boolean {
  return requester.actor.kind === 'system' || (requester.role !== undefined && hasRole(requester.role, 'manager'));
}

/** Agents act on their own tickets (or unassigned ones); managers, admins and the system on any. */
function requireAssigneeOrManager(ticket: Ticket, requester: Requester, action: string): void {
  if (isStaffOverride(requester)) return;
  if (ticket.assigneeId === null || ticket.assigneeId === requester.actor.id) return;
  throw new NotAssigneeError(action);
}

function transition(
  ticket: Ticket,
  to: TicketStatus,
  requester: Requester,
  at: Date,
  action: TicketAction,
  assigneeId?: string | null,
): StatusChange {
  return {
    from: ticket.status,
    to,
    by: requester.actor,
    at,
    action,
    ...(assigneeId !== undefined ? { assigneeId } : {}),
  };
}

function rankedFields(ranked: TicketDeadline): TicketFields {
  return {
    deadline: ranked.deadline,
    resolutionDeadline: ranked.resolutionDeadline,
    breakdown: ranked.breakdown,
    explanation: ranked.explanation,
  };
}

function planMessage(ticket: Ticket, message: TicketMessage, requester: Requester, at: Date): TicketChange | null {
  // A redelivered message (same id, e.g. a retried chat job) is already on the ticket: nothing to add.
  if (ticket.messages.some((existing) => existing.id === message.id)) return null;
  if (ticket.messages.length >= ticketLimits.messagesPerTicket) {
    throw new MessageLimitError(ticket.id, ticketLimits.messagesPerTicket);
  }
  const { author, visibility } = message;
  if (author.kind === 'agent' && visibility === 'public') {
    requireStatus(ticket, 'reply to', ['open', 'assigned', 'pending', 'resolved']);
    const set: TicketFields = {};
    if (ticket.firstRepliedAt === null) set.firstRepliedAt = at;
    // Answering an unassigned ticket takes it, as in every help desk: the shopper now has an agent.
    if (ticket.status === 'open' && author.id !== undefined) {
      return {
        set: { ...set, status: 'assigned', assigneeId: author.id, assignedAt: at },
        history: transition(ticket, 'assigned', requester, at, 'reply', author.id),
        message,
        queue: 'remove',
      };
    }
    return { set, message, queue: 'none' };
  }
  if (author.kind === 'customer') {
    requireStatus(ticket, 'add a shopper message to', activeTicketStatuses);
    if (ticket.status === 'pending') {
      return {
        set: { status: 'assigned' },
        history: transition(ticket, 'assigned', requester, at, 'customer_message'),
        message,
        queue: 'none',
      };
    }
  }
  // Internal notes, bot and system messages: any status, no change of state.
  return { set: {}, message, queue: 'none' };
}

/**
 * The lifecycle's rules: what `command` by `requester` does to `ticket` at `at`, as one change to
 * write; null when there is nothing to do (an SLA breach already marked, a rerank of a ticket no
 * longer queued, a message whose id the ticket already has). Throws InvalidTransitionError (409), NotAssigneeError (403) or
 * MessageLimitError (409). Pure: the service reads, plans, writes conditionally and retries.
 * @example planTicketChange(openTicket, { type: 'claim' }, { actor: { kind: 'agent', id: 'a1' }, role: 'agent' }, now)
 */
export function planTicketChange(
  ticket: Ticket,
  command: TicketCommand,
  requester: Requester,
  at: Date,
): TicketChange | null {
  switch (command.type) {
    case 'claim': {
      requireStatus(ticket, 'claim', ['open']);
      const agentId = requester.actor.id;
      if (requester.actor.kind !== 'agent' || agentId === undefined) throw new NotAssigneeError('claim');
      return {
        set: { status: 'assigned', assigneeId: agentId, assignedAt: at },
        history: transition(ticket, 'assigned', requester, at, 'claim', agentId),
        queue: 'remove',
      };
    }
    case 'assign': {
      if (!isStaffOverride(requester)) throw new NotAssigneeError('assign');
      requireStatus(ticket, 'assign', activeTicketStatuses);
      if (ticket.assigneeId === command.agentId && ticket.status !== 'open') return null;
      const to = ticket.status === 'open' ? 'assigned' : ticket.status;
      return {
        set: { status: to, assigneeId: command.agentId, assignedAt: at },
        history: transition(ticket, to, requester, at, 'assign', command.agentId),
        queue: ticket.status === 'open' ? 'remove' : 'none',
      };
    }
    case 'release': {
      requireStatus(ticket, 'release', ['assigned', 'pending']);
      requireAssigneeOrManager(ticket, requester, 'release');
      // Back in line at its own deadline: releasing neither rewards nor punishes the shopper.
      return {
        set: { status: 'open', assigneeId: null, assignedAt: null },
        history: transition(ticket, 'open', requester, at, 'release', null),
        queue: 'enqueue',
      };
    }
    case 'pending': {
      requireStatus(ticket, 'set pending', ['assigned']);
      requireAssigneeOrManager(ticket, requester, 'set pending');
      return { set: { status: 'pending' }, history: transition(ticket, 'pending', requester, at, 'pending'), queue: 'none' };
    }
    case 'resolve': {
      requireStatus(ticket, 'resolve', activeTicketStatuses);
      requireAssigneeOrManager(ticket, requester, 'resolve');
      return {
        set: { status: 'resolved', resolvedAt: at },
        history: transition(ticket, 'resolved', requester, at, 'resolve'),
        queue: ticket.status === 'open' ? 'remove' : 'none',
      };
    }
    case 'close': {
      requireStatus(ticket, 'close', ['resolved']);
      requireAssigneeOrManager(ticket, requester, 'close');
      return { set: { status: 'closed', closedAt: at }, history: transition(ticket, 'closed', requester, at, 'close'), queue: 'none' };
    }
    case 'reopen': {
      requireStatus(ticket, 'reopen', ['resolved', 'closed']);
      return {
        set: {
          status: 'open',
          assigneeId: null,
          assignedAt: null,
          resolvedAt: null,
          closedAt: null,
          reopenCount: ticket.reopenCount + 1,
          ...rankedFields(command.ranked),
        },
        history: transition(ticket, 'open', requester, at, 'reopen', null),
        queue: 'enqueue',
      };
    }
    case 'message':
      return planMessage(ticket, command.message, requester, at);
    case 'sla_breach': {
      if (ticket.slaBreaches[command.kind] !== null) return null;
      // Re-ranked or reopened since the timer was set: that deadline is gone, a newer timer watches the new one.
      if (slaDeadline(ticket, command.kind).getTime() !== command.deadline.getTime()) return null;
      // A timer that fires late must not mark a deadline that was met.
      if (slaOutcome(ticket, command.kind) === 'met') return null;
      return { set: { slaBreaches: { ...ticket.slaBreaches, [command.kind]: command.at } }, queue: 'none' };
    }
    case 'rerank': {
      if (ticket.status !== 'open') return null;
      if (ticket.deadline.getTime() === command.ranked.deadline.getTime() && ticket.explanation === command.ranked.explanation) {
        return null;
      }
      return { set: rankedFields(command.ranked), queue: 'reschedule' };
    }
    case 'join_conversation': {
      // Once per ticket: a ticket already with a chat (this one or another) is left as it is.
      if (ticket.conversationId !== null) return null;
      requireStatus(ticket, 'join a conversation to', activeTicketStatuses);
      return { set: { conversationId: command.conversationId, channel: 'chat' }, message: command.note, queue: 'none' };
    }
    case 'survey': {
      // The survey rates a resolution: one that came after the shopper wrote again (and reopened
      // the ticket) still counts, so any ticket that has been resolved takes it.
      if (!ticket.history.some((change) => change.to === 'resolved'))
        requireStatus(ticket, 'record a survey for', ['resolved', 'closed']);
      const survey = mergeSurveyAnswers(ticket.survey, command.survey);
      return sameSurvey(ticket.survey, survey) ? null : { set: { survey }, queue: 'none' };
    }
  }
}

/**
 * The survey after `incoming` answers: each answer it carries replaces the stored one, the others
 * stay, `answeredAt` is the latest. The chat bot sends all answers so far after each one, so
 * deliveries in any order (and redeliveries) converge on the same survey.
 * @example mergeSurveyAnswers({ csat: 5, answeredAt: t1 }, { ces: 6, answeredAt: t2 }) // { csat: 5, ces: 6, answeredAt: t2 }
 */
export function mergeSurveyAnswers(stored: TicketSurvey | null, incoming: TicketSurvey): TicketSurvey {
  if (!stored) return incoming;
  const answeredAt = stored.answeredAt.getTime() > incoming.answeredAt.getTime() ? stored.answeredAt : incoming.answeredAt;
  return { ...mergeAnswers(stored, incoming), answeredAt };
}

function sameSurvey(a: TicketSurvey | null, b: TicketSurvey): boolean {
  return a !== null && sameAnswers(a, b) && a.answeredAt.getTime() === b.answeredAt.getTime();
}

/** The ticket after `change` (what the conditional write stores), for tests and in-memory views. */
export function applyTicketChange(ticket: Ticket, change: TicketChange, at: Date): Ticket {
  return {
    ...ticket,
    ...change.set,
    history: change.history ? [...ticket.history, change.history] : ticket.history,
    messages: change.message ? [...ticket.messages, change.message] : ticket.messages,
    updatedAt: at,
    version: ticket.version + 1,
  };
}

/**
 * When the ticket's current wait started: its creation, or its latest reopen. A reopened ticket is
 * ranked from there, so `deadlineFromBreakdown(rankingStartedAt(t), t.breakdown)` reproduces it.
 */
export function rankingStartedAt(ticket: Pick<Ticket, 'createdAt' | 'history'>): Date {
  for (let i = ticket.history.length - 1; i >= 0; i--) {
    const entry = ticket.history[i];
    if (entry?.action === 'reopen') return entry.at;
  }
  return ticket.createdAt;
}
