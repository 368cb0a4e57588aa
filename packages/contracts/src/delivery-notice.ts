import { z } from 'zod';
import { deliveryProblemKindSchema } from './delivery-problem.ts';
import { languageSchema } from './language.ts';

/**
 * Ticketing → chat bot: a proactive delivery-problem notice for a customer's chat (payload:
 * `DeliveryNoticeJob`, relayed by ticketing's outbox, job id = `deliveryNoticeJobId`).
 */
export const deliveryNoticeQueueName = 'loyaldesk-chat-delivery-notices';

/** Chat-safe ids (message ids, Bull job ids, Redis keys): letters, digits, `_` and `-`. */
const noticeKeySchema = z.string().regex(/^ntc_[a-f0-9]{24}$/, 'must be ntc_ and 24 hex digits');

/**
 * What the shopper's chat needs to tell them about a parcel in trouble, and for the bot to know it
 * when they write: the problem, the parcel, since when, and the proactive ticket (if the shop's
 * policy opened one). The chat bot keeps it per customer and stores it in their conversation once,
 * by `noticeKey`.
 */
export const deliveryNoticeJobSchema = z.object({
  /** Deterministic per shipment and problem kind (ticketing's notice id, hashed): the message id in the chat. */
  noticeKey: noticeKeySchema,
  customerId: z.string().trim().min(1).max(200),
  kind: deliveryProblemKindSchema,
  orderNumber: z.string().trim().min(1).max(64),
  carrier: z.string().trim().min(1).max(80),
  trackingNumber: z.string().trim().min(1).max(80),
  /** When the problem began (the carrier's event time, else when it was reported). */
  since: z.iso.datetime({ offset: true }),
  /** The proactive ticket a person works on; null when the tier's policy opens none. */
  ticketId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .nullable(),
  /** The customer's language (from the order's or the customer's locale); the conversation's wins in chat. */
  language: languageSchema,
  /** When ticketing decided to notify. */
  notifiedAt: z.iso.datetime({ offset: true }),
});
export type DeliveryNoticeJob = z.infer<typeof deliveryNoticeJobSchema>;

/**
 * The Bull job (and outbox event) id of a notice, so recording it again adds one job.
 * @example deliveryNoticeJobId('ntc_0123456789abcdef01234567') // 'delivery-notice-ntc_0123456789abcdef01234567'
 */
export function deliveryNoticeJobId(noticeKey: string): string {
  return `delivery-notice-${noticeKey}`;
}
