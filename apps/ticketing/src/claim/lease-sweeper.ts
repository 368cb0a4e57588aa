import type { Logger } from '@loyaldesk/platform/logger';
import type { TicketQueue } from '../ranked-queue/ticket-queue.ts';
import type { TicketRepository } from '../tickets/ticket-repository.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { requeueExpiredLeases } from './requeue-expired-leases.ts';

/**
 * Runs {@link requeueExpiredLeases} every `intervalMs` (safe on every instance at once); returns
 * a function that stops it.
 */
export function startLeaseSweeper(
  deps: { queue: TicketQueue; tickets: TicketRepository; logger?: Logger; onRequeued?: (ticket: Ticket) => void },
  intervalMs = 5000,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    requeueExpiredLeases(deps)
      .then((result) => {
        if (result.requeued.length > 0) deps.logger?.info({ requeued: result.requeued }, 'requeued tickets of expired claims');
      })
      .catch((error: unknown) => deps.logger?.warn({ err: error }, 'lease sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
