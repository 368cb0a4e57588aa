import type { Language } from '@loyaldesk/contracts/language';
import { dayOf } from './rollup-keys.ts';
import type { RollupContribution } from './ticket-contribution.ts';

/** A closed chat conversation as the metrics keep it (`conversation_metrics`, `_id` = conversation id). */
export interface ClosedConversation {
  conversationId: string;
  closedAt: Date;
  handedOff: boolean;
  language: Language;
}

/**
 * What a closed conversation adds to the rollups of its closing day: one closed chat, and one
 * handoff if a human took over. Bot containment = chats closed without a handoff / chats closed.
 */
export function conversationContribution(conversation: ClosedConversation): RollupContribution[] {
  return [
    {
      day: dayOf(conversation.closedAt),
      tier: null,
      agentId: null,
      counters: { conversationsClosed: 1, conversationsHandedOff: conversation.handedOff ? 1 : 0 },
      histograms: {},
    },
  ];
}
