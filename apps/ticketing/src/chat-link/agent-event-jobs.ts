import {
  agentEventJobId,
  agentEventJobSchema,
  chatQueueNames,
  type AgentEventJob,
} from '@loyaldesk/contracts/chat-jobs';
import type { Outbox, OutboxEvent } from '@loyaldesk/platform/outbox';
import type { Ticket } from '../tickets/ticket.ts';
import { agentReplyEvents, ticketResolvedEvent } from './chat-link-events.ts';

/**
 * What one write of a chat ticket puts in the shopper's conversation: each new public agent reply,
 * and the resolution (the chat bot then closes the chat and asks the survey). Internal notes and
 * the shopper's own messages (they came from the chat) are not sent back; a ticket without a
 * conversation has none.
 * @example agentEventJobs(before, afterReply) // [{ kind: 'agent_message', conversationId: 'c1', event: { ticketId, message } }]
 */
export function agentEventJobs(before: Ticket | null, after: Ticket): AgentEventJob[] {
  const jobs = agentReplyEvents(before, after).map((event) =>
    agentEventJobSchema.parse({ kind: 'agent_message', conversationId: event.conversationId, event }),
  );
  const resolved = ticketResolvedEvent(before, after);
  if (resolved && after.conversationId)
    jobs.push(
      agentEventJobSchema.parse({ kind: 'ticket_resolved', conversationId: after.conversationId, event: resolved }),
    );
  return jobs;
}

/** An agent event as an outbox event: id = its Bull job id, key = the conversation (relayed in order). */
function toOutboxEvent(job: AgentEventJob): OutboxEvent {
  return { id: agentEventJobId(job), queue: chatQueueNames.agentEvents, key: job.conversationId, payload: job };
}

/**
 * What ticketing must tell the shopper's conversation, through the outbox: recorded in MongoDB
 * before the agent's request is answered (a failure answers 503 and the agent retries), then
 * relayed to the chat bot's queue in order per conversation. The live room event still goes out as
 * before (publish-ticket-change.ts); this is the copy that always arrives.
 * @example const delivery = createAgentEventDelivery(outbox); await delivery.onTicketChanged(before, after);
 */
export function createAgentEventDelivery(outbox: Pick<Outbox, 'record'>) {
  async function record(jobs: AgentEventJob[]): Promise<void> {
    for (const job of jobs) await outbox.record(toOutboxEvent(job));
  }
  return {
    /** Records the events of one ticket write (new public replies, a resolution). */
    onTicketChanged(before: Ticket | null, after: Ticket): Promise<void> {
      return record(agentEventJobs(before, after));
    },
    /**
     * Records again what a retried request stands for (a reply already stored under its client id,
     * a resolution already written): the first attempt may have failed between the ticket and the
     * outbox. A second record of an event is a no-op, and the chat bot applies each once.
     */
    ensure(ticket: Ticket, what: { replyId: string } | { resolution: true }): Promise<void> {
      if ('replyId' in what) {
        const index = ticket.messages.findIndex((message) => message.id === what.replyId);
        if (index < 0) return Promise.resolve();
        return record(
          agentEventJobs({ ...ticket, messages: ticket.messages.slice(0, index) }, ticket).filter(
            (job) => job.kind === 'agent_message' && job.event.message.id === what.replyId,
          ),
        );
      }
      if (ticket.status !== 'resolved') return Promise.resolve();
      return record(
        agentEventJobs({ ...ticket, status: 'assigned' }, ticket).filter((job) => job.kind === 'ticket_resolved'),
      );
    },
  };
}

export type AgentEventDelivery = ReturnType<typeof createAgentEventDelivery>;
