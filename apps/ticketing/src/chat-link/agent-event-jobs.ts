import type Bull from 'bull';
import { agentEventJobId, agentEventJobSchema, type AgentEventJob } from '@loyaldesk/contracts/chat-jobs';
import { durableJobOptions } from '@loyaldesk/contracts/queues';
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

/**
 * For the ticket change hook: queues {@link agentEventJobs} for the chat bot with the apps'
 * `durableJobOptions`, so a write retried (same message id, same resolution) adds no second job.
 * The live room event still goes out as before (publish-ticket-change.ts); this is the copy that
 * reaches a conversation with no socket open.
 * @example const delivery = createAgentEventDelivery(queues.agentEvents); await delivery.onTicketChanged(before, after);
 */
export function createAgentEventDelivery(queue: Pick<Bull.Queue<unknown>, 'add'>) {
  return {
    async onTicketChanged(before: Ticket | null, after: Ticket): Promise<void> {
      for (const job of agentEventJobs(before, after)) {
        await queue.add(job, { ...durableJobOptions, jobId: agentEventJobId(job) });
      }
    },
  };
}
