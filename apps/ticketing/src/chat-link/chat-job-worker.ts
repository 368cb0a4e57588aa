import type Bull from 'bull';
import type { z } from 'zod';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { AppError, ValidationError } from '@loyaldesk/platform/errors';
import { PermanentJobError, startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { InvalidTransitionError, MessageLimitError, TicketNotFoundError } from '../tickets/ticket-errors.ts';
import type { Ticket } from '../tickets/ticket.ts';

/** The handoff ticket of a conversation is not there yet: the handoff job may still be on its way. Retried. */
export class ChatTicketNotYetOpenError extends AppError {
  constructor(ticketId: string, conversationId: string) {
    super(
      'chat_ticket_not_open_yet',
      `Ticket ${ticketId} of conversation ${conversationId} was not found (its handoff may not be processed yet); the job will be retried`,
      { status: 409, field: 'ticketId' },
    );
  }
}

/**
 * Parses a chat job's payload with its contracts schema: a ValidationError naming the field
 * (`Invalid shopper message job: message.body: …`) when it does not parse.
 */
export function parseChatJob<Schema extends z.ZodType>(schema: Schema, data: unknown, what: string): z.output<Schema> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, what);
  return parsed.data;
}

/**
 * The ticket a chat job is about: the one it names, or the conversation's handoff ticket when the
 * chat did not know its id yet. Retried while it does not exist; refused for good when it belongs
 * to another conversation.
 */
export async function findChatTicket(
  findTicket: (ticketId: string) => Promise<Ticket | null>,
  job: { conversationId: string; ticketId: string | null },
): Promise<Ticket> {
  const ticketId = job.ticketId ?? handoffTicketId(job.conversationId);
  const ticket = await findTicket(ticketId);
  if (!ticket) throw new ChatTicketNotYetOpenError(ticketId, job.conversationId);
  if (ticket.conversationId !== job.conversationId) {
    throw new ValidationError(
      `Ticket ${ticketId} belongs to ${ticket.conversationId === null ? 'no conversation' : `conversation ${ticket.conversationId}`}, not ${job.conversationId}`,
      'ticketId',
    );
  }
  return ticket;
}

/** Errors of the ticket's rules that a retry cannot fix: the job is failed at once, with the error as its reason. */
function isRuleRefusal(error: unknown): boolean {
  return (
    error instanceof InvalidTransitionError ||
    error instanceof MessageLimitError ||
    error instanceof TicketNotFoundError
  );
}

/**
 * Runs `handle` for each job of `queue` (a queue the chat bot fills), with the platform's job
 * policy: a payload that does not parse, or a change the ticket's rules refuse, fails the job for
 * good with the error's message; other errors (database, Redis, a ticket not open yet) fail the
 * attempt and Bull retries with the job's backoff.
 */
export function startChatJobWorker(
  queue: Bull.Queue<unknown>,
  handle: (data: unknown) => Promise<unknown>,
  options: { name: string; concurrency?: number; logger?: Logger },
): void {
  startJobWorker(queue, options, async (data) => {
    try {
      return await handle(data);
    } catch (error) {
      if (isRuleRefusal(error))
        throw new PermanentJobError(error instanceof Error ? error.message : String(error), { cause: error });
      throw error;
    }
  });
}
