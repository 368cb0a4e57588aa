import type { QuickReply } from '@loyaldesk/contracts/chat-events';
import type { Language } from '@loyaldesk/contracts/language';
import { commandPayload, type Command } from '../conversations/commands.ts';

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
