import {
  conversationClosedEventSchema,
  conversationClosedJobId,
  type ConversationClosedEvent,
} from '@loyaldesk/contracts/conversation-closed';
import { durableJobOptions } from '@loyaldesk/contracts/queues';
import type { JobQueue } from '../queue/job-queue.ts';

/** Enqueues the `conversation.closed` metrics event (queue `metrics`), once per conversation. */
export async function publishConversationClosed(queue: JobQueue, event: ConversationClosedEvent): Promise<void> {
  await queue.add(conversationClosedEventSchema.parse(event), {
    ...durableJobOptions,
    jobId: conversationClosedJobId(event.conversationId),
  });
}
