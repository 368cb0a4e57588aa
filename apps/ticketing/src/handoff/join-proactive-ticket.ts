import { activeTicketStatuses } from '@loyaldesk/contracts/tickets-api';
import { handoffTicketId, type HandoffJob } from '@loyaldesk/contracts/handoff';
import type { Ticket } from '../tickets/ticket.ts';

/**
 * Which proactive ticket a handoff joins, if any: only for a verified customer (the job's
 * `customerId`), a ticket of theirs that is still active and has no other chat; the one about the
 * order the conversation names, else (no order named) the newest. Candidates come newest first.
 * @example proactiveTicketToJoin([lostParcelTicket], { ...job, customerId: 'cus_1', orderNumber: '1038' }) // lostParcelTicket
 */
export function proactiveTicketToJoin(
  candidates: readonly Ticket[],
  job: Pick<HandoffJob, 'conversationId' | 'customerId' | 'orderNumber'>,
): Ticket | null {
  if (!job.customerId) return null;
  const joinable = candidates.filter(
    (ticket) =>
      ticket.customerId === job.customerId &&
      ticket.proactive &&
      activeTicketStatuses.includes(ticket.status) &&
      (ticket.conversationId === null || ticket.conversationId === job.conversationId),
  );
  // A retry finds the ticket this conversation joined already.
  const joined = joinable.find((ticket) => ticket.conversationId === job.conversationId);
  if (joined) return joined;
  if (job.orderNumber) return joinable.find((ticket) => ticket.orderNumber === job.orderNumber) ?? null;
  return joinable[0] ?? null;
}

export interface JoinProactiveTicketDeps {
  /** The customer's proactive ticket ids, newest first (one `_id` read). */
  proactiveTicketIdsOf(customerId: string): Promise<string[]>;
  findTicket(ticketId: string): Promise<Ticket | null>;
  /** `ticketService.joinConversation`. */
  joinConversation(ticketId: string, conversationId: string, note: string): Promise<Ticket>;
  /** `early.recordJoin`: shopper messages sent before the chat learns the ticket's id go to it. */
  recordJoin?(conversationId: string, ticketId: string): Promise<void>;
}

/**
 * The handoff's step before opening a ticket: a shopper who chats about a parcel we already opened
 * a proactive ticket for joins that ticket instead of opening another. Null when there is none to
 * join, or when the conversation's own handoff ticket exists already (an earlier delivery opened it).
 */
export async function joinProactiveTicket(deps: JoinProactiveTicketDeps, job: HandoffJob): Promise<Ticket | null> {
  if (!job.customerId) return null;
  const ids = await deps.proactiveTicketIdsOf(job.customerId);
  if (ids.length === 0) return null;
  if (await deps.findTicket(handoffTicketId(job.conversationId))) return null;
  const candidates = (await Promise.all(ids.map((id) => deps.findTicket(id)))).filter((ticket): ticket is Ticket => ticket !== null);
  const chosen = proactiveTicketToJoin(candidates, job);
  if (!chosen) return null;
  const note = `The shopper wrote in chat about this (${job.reason.replace(/_/g, ' ')}): ${job.transcriptSummary}`.slice(0, 4000);
  const after = chosen.conversationId === job.conversationId ? chosen : await deps.joinConversation(chosen.id, job.conversationId, note);
  // Another chat took it between the read and the write: this one gets its own ticket.
  if (after.conversationId !== job.conversationId) return null;
  await deps.recordJoin?.(job.conversationId, after.id);
  return after;
}
