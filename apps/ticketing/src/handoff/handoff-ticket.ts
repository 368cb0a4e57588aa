import { handoffTicketId, type HandoffJob, type ShopperVerification } from '@loyaldesk/contracts/handoff';
import { openTicketInputSchema, type OpenTicketInput } from '../tickets/open-ticket.ts';

const verificationNotes: Record<ShopperVerification, string> = {
  verified: 'shopper verified',
  declined: "shopper NOT verified (declined to give the order's email)",
  not_matched: "shopper NOT verified (the order's email did not match)",
  not_asked: 'shopper not verified',
};

/**
 * The first line of the bot's note on a handoff ticket: why, whether the shopper is verified, and
 * the orders named (each marked), so an agent sees at once what the bot could vouch for. Pure.
 * @example handoffNoteHeading(job) // 'Handed off (sensitive issue; shopper verified; orders named: #1038 verified)'
 */
export function handoffNoteHeading(job: Pick<HandoffJob, 'reason' | 'shopperVerification' | 'namedOrders'>): string {
  const parts = [job.reason.replace(/_/g, ' ')];
  if (job.shopperVerification) parts.push(verificationNotes[job.shopperVerification]);
  if (job.namedOrders && job.namedOrders.length > 0) {
    const orders = job.namedOrders.map((order) => `#${order.number} ${order.verified ? 'verified' : 'unverified'}`);
    parts.push(`orders named: ${orders.join(', ')}`);
  }
  return `Handed off (${parts.join('; ')})`;
}

/**
 * What to open for a handoff: a chat ticket with a natural id, the verified customer (so it ranks
 * by their tier and value), the orders named in the chat, the bot's summary as an internal note for
 * the agent, and the shopper's wait counted from when they asked for a human (never later than `now`).
 */
export function handoffTicketInput(job: HandoffJob, now: Date): OpenTicketInput {
  const requestedAt = new Date(Math.min(new Date(job.requestedAt).getTime(), now.getTime()));
  return openTicketInputSchema.parse({
    id: handoffTicketId(job.conversationId),
    ...(job.customerId ? { customerId: job.customerId } : {}),
    language: job.language,
    issueKind: job.issueKind,
    channel: 'chat',
    conversationId: job.conversationId,
    ...(job.orderNumber ? { orderNumber: job.orderNumber } : {}),
    ...(job.namedOrders ? { namedOrders: job.namedOrders } : {}),
    ...(job.shopperVerification ? { shopperVerification: job.shopperVerification } : {}),
    messages: [
      {
        author: { kind: 'bot', name: 'Bot' },
        visibility: 'internal',
        body: `${handoffNoteHeading(job)}: ${job.transcriptSummary}`,
        at: requestedAt,
      },
    ],
    firstShopperMessageAt: requestedAt,
  });
}
