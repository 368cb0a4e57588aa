import type { RoomEmitter } from '../live/agent-events.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { emitTicketResolved, ticketResolvedEvent } from './chat-link-events.ts';
import type { QueuePositionNotifier } from './queue-position-notifier.ts';

/**
 * The shopper-facing events one ticket write causes, after the write (and the queue update)
 * succeeded: `ticket.resolved` when a chat ticket was just resolved, and the place-in-line
 * refreshes of the waiting shoppers the change moved (any ticket's change can move chat tickets).
 * Agent replies go to the room with the agents' events (live/publish-ticket-change.ts).
 */
export function publishChatTicketChange(
  deps: { chat: RoomEmitter; positions: Pick<QueuePositionNotifier, 'onTicketChanged'> },
  before: Ticket | null,
  after: Ticket,
): void {
  const resolved = ticketResolvedEvent(before, after);
  if (resolved && after.conversationId) emitTicketResolved(deps.chat, { ...resolved, conversationId: after.conversationId });
  deps.positions.onTicketChanged(before, after);
}
