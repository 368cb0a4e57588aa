import type Bull from 'bull';
import { ValidationError } from '@loyaldesk/platform/errors';
import type { Logger } from '@loyaldesk/platform/logger';

/**
 * Starts the worker for the `metrics` queue, where the chat bot enqueues `conversation.closed`
 * events (see `@loyaldesk/contracts/conversation-closed`). Each is counted once per conversation.
 * @example startConversationClosedWorker(metricsQueue, (event) => metrics.recordConversationClosed(event));
 */
export function startConversationClosedWorker(
  queue: Bull.Queue<unknown>,
  record: (event: unknown) => Promise<'counted' | 'duplicate'>,
  options: { concurrency?: number; logger?: Logger } = {},
): void {
  queue
    .process(options.concurrency ?? 4, async (job: Bull.Job<unknown>) => {
      try {
        return await record(job.data);
      } catch (error) {
        // A payload that does not parse will not parse on a retry either.
        if (error instanceof ValidationError) await job.discard();
        options.logger?.warn({ err: error, jobId: job.id }, 'conversation.closed event not recorded');
        throw error;
      }
    })
    .catch((error: unknown) => {
      options.logger?.error({ err: error }, 'conversation.closed worker stopped');
    });
}
