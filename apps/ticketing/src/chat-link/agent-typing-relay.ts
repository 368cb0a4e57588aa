import type { Logger } from '@loyaldesk/platform/logger';
import type { RoomEmitter } from '../live/agent-events.ts';
import type { TicketIndex } from '../tickets/ticket-index.ts';
import { agentTypingEvent, emitAgentTyping } from './chat-link-events.ts';

/** Relays an agent's typing on a chat ticket to the shopper; see {@link createAgentTypingRelay}. */
export type AgentTypingRelay = (input: { ticketId: string; agentName: string; typing: boolean }) => Promise<boolean>;

/**
 * The relay of agents' typing to shoppers: the ticket's conversation comes from the ticket index
 * (one Redis read, no database read per keystroke); tickets of other channels send nothing.
 * Resolves with whether an event went out; a failure is logged, never thrown at the agent.
 */
export function createAgentTypingRelay(deps: { index: Pick<TicketIndex, 'summaries'>; chat: RoomEmitter; logger?: Logger }): AgentTypingRelay {
  return async ({ ticketId, agentName, typing }) => {
    try {
      const [summary] = await deps.index.summaries([ticketId]);
      if (!summary || summary.channel !== 'chat' || !summary.conversationId) return false;
      const conversationId = summary.conversationId;
      emitAgentTyping(deps.chat, { ...agentTypingEvent({ conversationId, ticketId, agentName, typing }), conversationId });
      return true;
    } catch (error) {
      deps.logger?.warn({ err: error, ticketId }, 'agent typing not relayed to the shopper');
      return false;
    }
  };
}
