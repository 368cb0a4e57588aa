import { z } from 'zod';
import { handoffJobSchema } from './handoff.ts';
import { languageSchema } from './language.ts';

/**
 * The payload of a `conversation.closed` job (chat bot → ticketing, on the `metrics` queue): a
 * chat ended, with or without a human. Bot containment and handoff rate are counted from these,
 * once per conversation (the conversation id is the idempotency key; see
 * {@link conversationClosedJobId}).
 */
export const conversationClosedEventSchema = z.object({
  /** Same rules as in the handoff job: the id ends up in keys and job ids. */
  conversationId: handoffJobSchema.shape.conversationId,
  /** When the conversation ended; ISO 8601, as JSON carries it through Redis. */
  closedAt: z.iso.datetime({ offset: true }),
  /** True when the bot handed the conversation to a human (a ticket was opened for it). */
  handedOff: z.boolean(),
  language: languageSchema,
});
export type ConversationClosedEvent = z.infer<typeof conversationClosedEventSchema>;

/**
 * The Bull job id for a conversation's `conversation.closed` event, so enqueuing it twice adds one job.
 * @example conversationClosedJobId('conv_42') // 'conversation-closed-conv_42'
 */
export function conversationClosedJobId(conversationId: string): string {
  return `conversation-closed-${conversationId}`;
}
