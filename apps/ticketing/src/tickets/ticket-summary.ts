import { z } from 'zod';
import { issueKindSchema } from '@loyaldesk/contracts/issue-kind';
import { languageSchema } from '@loyaldesk/contracts/language';
import { tierSchema } from '@loyaldesk/customer-profile/schemas';
import { ticketChannelSchema, ticketStatusSchema, type Ticket } from './ticket.ts';

const isoDate = z.iso.datetime();

/** The small copy of a ticket that queue and list screens show; kept in Redis, JSON as sent. */
export const ticketSummarySchema = z.object({
  id: z.string(),
  status: ticketStatusSchema,
  subject: z.string(),
  channel: ticketChannelSchema,
  /** The chat conversation of a chat ticket (where shopper-facing events go); entries indexed before it existed read null. */
  conversationId: z.string().nullable().default(null),
  customerId: z.string().nullable(),
  /** Who the queue row names: the customer's name or email, or a web requester's; entries indexed before it read null. */
  customerName: z.string().nullable().default(null),
  tier: tierSchema,
  valuePercentile: z.number().nullable(),
  language: languageSchema,
  skill: z.string(),
  issueKind: issueKindSchema,
  createdAt: isoDate,
  deadline: isoDate,
  resolutionDeadline: isoDate,
  explanation: z.string(),
  assigneeId: z.string().nullable(),
  /** Whether either SLA deadline was marked missed. */
  breached: z.boolean(),
  messageCount: z.number().int(),
  reopenCount: z.number().int(),
  updatedAt: isoDate,
  version: z.number().int(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/** A ticket's summary. */
export function summarizeTicket(ticket: Ticket): TicketSummary {
  return {
    id: ticket.id,
    status: ticket.status,
    subject: ticket.subject,
    channel: ticket.channel,
    conversationId: ticket.conversationId,
    customerId: ticket.customerId,
    customerName: ticket.customerName ?? ticket.requester?.name ?? ticket.requester?.email ?? null,
    tier: ticket.breakdown.tier,
    valuePercentile: ticket.breakdown.valuePercentile,
    language: ticket.language,
    skill: ticket.skill,
    issueKind: ticket.issueKind,
    createdAt: ticket.createdAt.toISOString(),
    deadline: ticket.deadline.toISOString(),
    resolutionDeadline: ticket.resolutionDeadline.toISOString(),
    explanation: ticket.explanation,
    assigneeId: ticket.assigneeId,
    breached: ticket.slaBreaches.firstResponse !== null || ticket.slaBreaches.resolution !== null,
    messageCount: ticket.messages.length,
    reopenCount: ticket.reopenCount,
    updatedAt: ticket.updatedAt.toISOString(),
    version: ticket.version,
  };
}
