import type { TurnContext } from '../conversations/action-handler.ts';
import { newConversation, type Conversation, type ConversationPatch } from '../conversations/conversation.ts';

/** A planned turn for handler unit tests: a new English conversation, no shopper message held. */
export function testTurn(
  fields: { conversation?: Partial<Conversation>; patch?: ConversationPatch } = {},
): TurnContext {
  const conversation: Conversation = {
    ...newConversation({ id: 'conv_1', shop: null, language: 'en', now: new Date('2026-03-01T10:00:00Z') }),
    ...fields.conversation,
  };
  return {
    conversation,
    message: null,
    language: conversation.language,
    patch: fields.patch ?? {},
    origin: { ip: '203.0.113.7' },
    storeShopperMessage: () => Promise.resolve('stored'),
  };
}
