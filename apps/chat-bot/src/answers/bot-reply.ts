import type { QuickReply } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import { commandPayload, type Command } from '../conversations/commands.ts';
import { newMessageId, type StoredMessage } from '../conversations/conversation.ts';

/** One thing the bot says: text, and buttons for the likely next step. */
export interface BotReply {
  body: string;
  language: Language;
  quickReplies?: QuickReply[];
}

/** A quick-reply button for a command. */
export function button(label: string, command: Command): QuickReply {
  return { label, payload: commandPayload(command) };
}

/** A reply as the bot message it is stored as. */
export function botMessage(reply: BotReply, now: Date): StoredMessage {
  return {
    id: newMessageId(),
    author: { kind: 'bot' },
    body: reply.body,
    at: now,
    ...(reply.quickReplies && reply.quickReplies.length > 0 ? { quickReplies: reply.quickReplies } : {}),
  };
}
