import type Bull from 'bull';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';

/**
 * Starts the worker for the `metrics` queue, where the chat bot's outbox relays `conversation.closed`
 * events (see `@loyaldesk/contracts/conversation-closed`). Each is counted once per conversation.
 * @example startConversationClosedWorker(metricsQueue, (event) => metrics.recordConversationClosed(event));
 */
export function startConversationClosedWorker(
  queue: Bull.Queue<unknown>,
  record: (event: unknown) => Promise<'counted' | 'duplicate'>,
  options: { concurrency?: number; logger?: Logger } = {},
): void {
  startJobWorker(queue, { name: 'conversation.closed', ...options }, (data) => record(data));
}
