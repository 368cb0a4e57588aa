import type Bull from 'bull';
import { handoffJobSchema } from '@loyaldesk/contracts/handoff';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import type { OpenTicketInput } from '../tickets/open-ticket.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { handoffTicketInput } from './handoff-ticket.ts';
import type { HandoffJob } from '@loyaldesk/contracts/handoff';

export interface HandoffWorkerDeps {
  /**
   * Opens the ticket, retry-safe on its id, ranked by the customer's tier and value percentile:
   * `ticketService.open` (which also runs the change hook), or `openTicket` with its deps.
   */
  openTicket: (input: OpenTicketInput) => Promise<{ ticket: Ticket; created: boolean }>;
  /**
   * Before opening: the proactive ticket the conversation joins instead (`joinProactiveTicket`), or
   * null to open the conversation's own.
   */
  joinProactiveTicket?: (job: HandoffJob) => Promise<Ticket | null>;
  /** Makes sure the ticket's SLA timers exist (idempotent), also when a retry finds the ticket made. */
  ensureSlaTimers?: (ticket: Ticket) => Promise<void>;
  /** Moves shopper messages that arrived before the ticket onto it (also when a retry finds the ticket made). */
  deliverEarlyMessages?: (ticket: Ticket) => Promise<unknown>;
  /**
   * Tells the shopper their place in line (`queue.positions.notifyNow`), also when a retry finds
   * the ticket made: the chat learns its ticket id from it.
   */
  announceTicket?: (ticket: Ticket) => Promise<unknown>;
  clock?: () => Date;
  logger?: Logger;
}

/**
 * Handles one handoff job: parses the payload (a bad one fails with a ValidationError naming the
 * field, before anything is stored), then opens the conversation's ticket. The same handoff
 * delivered twice, under any job ids, opens one ticket.
 */
export async function processHandoffJob(
  deps: HandoffWorkerDeps,
  data: unknown,
): Promise<{ ticketId: string; created: boolean }> {
  const parsed = handoffJobSchema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'handoff job');
  const now = (deps.clock ?? (() => new Date()))();
  const joined = (await deps.joinProactiveTicket?.(parsed.data)) ?? null;
  const { ticket, created } = joined
    ? { ticket: joined, created: false }
    : await deps.openTicket(handoffTicketInput(parsed.data, now));
  await deps.ensureSlaTimers?.(ticket);
  await deps.deliverEarlyMessages?.(ticket);
  await deps.announceTicket?.(ticket);
  deps.logger?.info(
    { ticketId: ticket.id, conversationId: parsed.data.conversationId, created },
    joined
      ? 'conversation.handed_off: joined the proactive ticket'
      : created
        ? 'conversation.handed_off: ticket opened'
        : 'conversation.handed_off: ticket already open',
  );
  return { ticketId: ticket.id, created };
}

/**
 * Starts the handoff worker on `queue` (the `handoff` queue shared with the chat bot).
 * @example startHandoffWorker(handoffQueue, { openTicket: (input) => ticketService.open(input) });
 */
export function startHandoffWorker(queue: Bull.Queue<unknown>, deps: HandoffWorkerDeps, concurrency = 8): void {
  startJobWorker(queue, { name: 'handoff', concurrency, ...(deps.logger ? { logger: deps.logger } : {}) }, (data) =>
    processHandoffJob(deps, data),
  );
}
