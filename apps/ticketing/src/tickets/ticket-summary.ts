import type { TicketSummary } from '@loyaldesk/contracts/tickets-api';
import type { Ticket } from './ticket.ts';

/** A ticket's summary: what queue and list screens show, and the ticket index keeps in Redis. */
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
    proactive: ticket.proactive?.kind ?? null,
    messageCount: ticket.messages.length,
    reopenCount: ticket.reopenCount,
    updatedAt: ticket.updatedAt.toISOString(),
    version: ticket.version,
  };
}
