import type Bull from 'bull';
import { agentEventJobSchema, type AgentEventJob } from '@loyaldesk/contracts/chat-jobs';
import type { MessageCreatedEvent, TicketResolvedEvent } from '@loyaldesk/contracts/chat-events';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';

export interface AgentEventWorkerDeps {
  /** Runs work for one conversation after the work already queued for it (the socket handlers' queue). */
  serial: { run<T>(key: string, work: () => Promise<T>): Promise<T> };
  /** `service.recordAgentMessage`: stores the reply once by its id; the conversation is then with an agent. */
  recordAgentMessage(conversationId: string, event: MessageCreatedEvent): Promise<void>;
  /** `dialog.ticketResolved`: closes the chat once and asks the survey (stored, and shown to any open socket). */
  ticketResolved(conversationId: string, event: TicketResolvedEvent): Promise<void>;
  logger?: Logger;
}

/**
 * Records one `loyaldesk-chat-agent-events` job (`AgentEventJob`, from ticketing) on its
 * conversation: in turn with the conversation's socket events, and idempotent, so the copy a
 * connected shopper's socket already recorded (chat-socket-server.ts, room events) changes nothing.
 * A payload that does not parse throws a ValidationError naming the field.
 */
export async function processAgentEventJob(deps: AgentEventWorkerDeps, data: unknown): Promise<AgentEventJob['kind']> {
  const parsed = agentEventJobSchema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'agent event job');
  const job = parsed.data;
  await deps.serial.run(job.conversationId, () =>
    job.kind === 'agent_message'
      ? deps.recordAgentMessage(job.conversationId, job.event)
      : deps.ticketResolved(job.conversationId, job.event),
  );
  return job.kind;
}

/**
 * Starts the worker on ticketing's `chatQueueNames.agentEvents` queue (every chat instance may take
 * jobs: the writes are conditional and idempotent), with the platform's one job policy.
 * @example startAgentEventWorker(queue, { serial, recordAgentMessage, ticketResolved, logger });
 */
export function startAgentEventWorker(queue: Bull.Queue<unknown>, deps: AgentEventWorkerDeps, concurrency = 4): void {
  startJobWorker(queue, { name: 'agent event', concurrency, ...(deps.logger ? { logger: deps.logger } : {}) }, (data) =>
    processAgentEventJob(deps, data),
  );
}
