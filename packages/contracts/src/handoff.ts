import { z } from 'zod';
import { issueKindSchema } from './issue-kind.ts';
import { languageSchema } from './language.ts';

// Ids end up in Redis keys, Bull job ids and lease members, where ':' and spaces separate fields.
const idSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be 1–128 letters, digits, _ or -');

/** Why the bot handed the conversation to a human. */
export const handoffReasons = ['requested', 'repeated_fallback', 'sensitive_issue'] as const;
export const handoffReasonSchema = z.enum(handoffReasons);
export type HandoffReason = z.infer<typeof handoffReasonSchema>;

/**
 * How the chat established who the shopper is, as the agent needs to know it: `verified` (order +
 * email, or the storefront's identity token), `declined` (asked for the order's email and refused),
 * `not_matched` (asked, and the answers did not match, or the checks were used up), `not_asked`.
 */
export const shopperVerifications = ['verified', 'declined', 'not_matched', 'not_asked'] as const;
export const shopperVerificationSchema = z.enum(shopperVerifications);
export type ShopperVerification = z.infer<typeof shopperVerificationSchema>;

/** At most this many order numbers named in a conversation travel with its handoff (the latest kept). */
export const namedOrdersLimit = 20;

/** An order number the shopper named, and whether it is the verified customer's own order. */
export const namedOrderSchema = z.object({
  number: z.string().trim().min(1).max(64),
  verified: z.boolean(),
});
export type NamedOrder = z.infer<typeof namedOrderSchema>;

/**
 * The payload of a handoff job (chat bot → ticketing). It carries ids and a short summary; the
 * worker reloads the conversation for the full transcript. One ticket per conversation: the
 * conversation id is the idempotency key (see {@link handoffJobId}).
 */
export const handoffJobSchema = z.object({
  conversationId: idSchema,
  /** Known when the shopper is verified or signed in through the storefront. */
  customerId: idSchema.optional(),
  language: languageSchema,
  issueKind: issueKindSchema,
  reason: handoffReasonSchema,
  /** The bot's summary of the transcript so far, shown to the agent first. */
  transcriptSummary: z.string().trim().min(1).max(4000),
  /** The order the conversation is about, when the bot found one. */
  orderNumber: z.string().trim().min(1).max(64).optional(),
  /** Every order number the shopper named in the conversation, oldest first, each marked verified or not. */
  namedOrders: z.array(namedOrderSchema).max(namedOrdersLimit).optional(),
  /** Whether the bot verified the shopper before handing off (absent from older chat bots: not known). */
  shopperVerification: shopperVerificationSchema.optional(),
  /** When the shopper asked for (or was given) a human; ISO 8601, as JSON carries it through Redis. */
  requestedAt: z.iso.datetime({ offset: true }),
});
export type HandoffJob = z.infer<typeof handoffJobSchema>;

/**
 * The Bull job id for a conversation's handoff, so enqueuing the same handoff twice adds one job.
 * @example handoffJobId('conv_42') // 'handoff-conv_42'
 */
export function handoffJobId(conversationId: string): string {
  return `handoff-${conversationId}`;
}

/**
 * The ticket a conversation's handoff opens: one ticket per conversation, however often the handoff
 * is delivered, so the chat knows the id before ticketing has said it (agents watching the ticket
 * see the shopper typing from the start).
 * @example handoffTicketId('conv_42') // 'tkt_conv_conv_42'
 */
export function handoffTicketId(conversationId: string): string {
  return `tkt_conv_${conversationId}`;
}
