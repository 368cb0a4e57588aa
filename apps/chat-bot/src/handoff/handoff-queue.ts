import { handoffJobId, handoffJobSchema, type HandoffJob } from '@loyaldesk/contracts/handoff';
import { durableJobOptions } from '@loyaldesk/contracts/queues';
import type { JobQueue } from '../queue/job-queue.ts';

/**
 * Adds the conversation's handoff job (queue `handoff`, job id `handoffJobId(conversationId)`):
 * retried with backoff, and added once however often it is requested while the job is kept.
 * `previousHandoffFinished` removes an earlier, finished handoff of the same conversation first
 * (the shopper wrote again after their ticket was resolved), so the new request is not taken for
 * a duplicate of the old one.
 */
export async function enqueueHandoff(queue: JobQueue, job: HandoffJob, previousHandoffFinished = false): Promise<void> {
  const payload = handoffJobSchema.parse(job);
  const jobId = handoffJobId(payload.conversationId);
  if (previousHandoffFinished) {
    const previous = await queue.getJob(jobId);
    if (previous?.finishedOn) await previous.remove();
  }
  await queue.add(payload, { ...durableJobOptions, jobId });
}
