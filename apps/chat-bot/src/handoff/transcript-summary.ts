import type { StoredMessage } from '../conversations/conversation.ts';

const authorLabels: Record<StoredMessage['author']['kind'], string> = {
  customer: 'Shopper',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
};

/**
 * The transcript summary an agent reads first in a handoff: the latest messages, newest last,
 * each cut to `perMessage` characters, the whole within `maxLength` (the handoff job's limit).
 * @example summarizeTranscript(messages) // 'Shopper: where is my order 1042\nBot: …'
 */
export function summarizeTranscript(messages: readonly StoredMessage[], maxLength = 4000, perMessage = 300): string {
  const lines: string[] = [];
  let length = 0;
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (!message) continue;
    const body = message.body.replace(/\s+/g, ' ').trim();
    const line = `${authorLabels[message.author.kind]}: ${body.length > perMessage ? `${body.slice(0, perMessage - 1)}…` : body}`;
    if (length + line.length + 1 > maxLength) break;
    lines.unshift(line);
    length += line.length + 1;
  }
  return lines.length > 0 ? lines.join('\n') : 'Shopper asked for a person before writing anything.';
}
