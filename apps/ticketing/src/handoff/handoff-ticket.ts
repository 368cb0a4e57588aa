import { handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { openTicketInputSchema, type OpenTicketInput } from '../tickets/open-ticket.ts';

/**
 * What to open for a handoff: a chat ticket with a natural id, the bot's summary as an internal
 * note for the agent, and the shopper's wait counted from when they asked for a human (never
 * later than `now`).
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
    messages: [
      {
        author: { kind: 'bot', name: 'Bot' },
        visibility: 'internal',
        body: `Handed off (${job.reason.replace(/_/g, ' ')}): ${job.transcriptSummary}`,
        at: requestedAt,
      },
    ],
    firstShopperMessageAt: requestedAt,
  });
}
