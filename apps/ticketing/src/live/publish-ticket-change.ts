import type { QueueChangedEvent } from '@loyaldesk/contracts/agents-events';
import { chatServerEvents, conversationRoom } from '@loyaldesk/contracts/chat-events';
import { agentReplyEvents } from '../chat-link/chat-link-events.ts';
import { summarizeTicket } from '../tickets/ticket-summary.ts';
import type { Ticket } from '../tickets/ticket.ts';
import {
  emitMessageCreated,
  emitQueueChanged,
  emitSlaBreached,
  emitTicketClaimed,
  emitTicketUpdated,
  type RoomEmitter,
} from './agent-events.ts';

function queueReason(before: Ticket | null, after: Ticket): QueueChangedEvent['reason'] | null {
  const action = after.history.at(-1)?.action;
  if (before === null) return after.status === 'open' ? 'opened' : null;
  if (before.status === 'open' && after.status !== 'open') {
    if (after.status === 'resolved') return 'resolved';
    return action === 'assign' ? 'assigned' : 'claimed';
  }
  if (before.status !== 'open' && after.status === 'open') return action === 'reopen' ? 'reopened' : 'released';
  if (after.status === 'open' && before.deadline.getTime() !== after.deadline.getTime()) return 'reranked';
  return null;
}

/**
 * The live events one ticket write causes, sent after the write succeeded: queue changes, claims,
 * new messages (public agent replies of chat tickets also to the shopper's conversation room of
 * the chat bot's `/chat`, as the contracts' `message.created`), SLA breaches, and the ticket's
 * new summary. The other shopper-facing events are in chat-link/publish-chat-ticket-change.ts.
 */
export function publishTicketChange(
  emitters: { agents: RoomEmitter; /** `/chat` of the chat bot (a Socket.IO Redis emitter). */ chat?: RoomEmitter },
  before: Ticket | null,
  after: Ticket,
): void {
  const { agents } = emitters;
  const reason = queueReason(before, after);
  if (reason) {
    emitQueueChanged(agents, {
      ticketId: after.id,
      status: after.status,
      reason,
      deadline: after.deadline.toISOString(),
    });
  }
  const last = after.history.at(-1);
  if (before && before.assigneeId !== after.assigneeId && after.assigneeId && last) {
    emitTicketClaimed(agents, { ticketId: after.id, agentId: after.assigneeId, at: last.at.toISOString() });
  }
  for (const message of after.messages.slice(before?.messages.length ?? 0)) {
    emitMessageCreated(agents, after.assigneeId, {
      ticketId: after.id,
      message: { ...message, at: message.at.toISOString() },
    });
  }
  if (emitters.chat) {
    for (const reply of agentReplyEvents(before, after))
      emitters.chat.to(conversationRoom(reply.conversationId)).emit(chatServerEvents.messageCreated, reply);
  }
  for (const kind of ['firstResponse', 'resolution'] as const) {
    const at = after.slaBreaches[kind];
    if (at && !before?.slaBreaches[kind]) {
      emitSlaBreached(agents, {
        ticketId: after.id,
        kind,
        at: at.toISOString(),
        tier: after.breakdown.tier,
        assigneeId: after.assigneeId,
        explanation: after.explanation,
      });
    }
  }
  emitTicketUpdated(agents, summarizeTicket(after));
}
