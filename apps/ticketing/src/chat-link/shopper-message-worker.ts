import type Bull from 'bull';
import { shopperMessageJobSchema } from '@loyaldesk/contracts/chat-jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Ticket } from '../tickets/ticket.ts';
import { handoffTicketId } from '@loyaldesk/contracts/handoff';
import { ChatTicketNotYetOpenError, findChatTicket, parseChatJob, startChatJobWorker } from './chat-job-worker.ts';
import { deliverEarlyMessages, type EarlyMessages } from './early-messages.ts';

export interface ShopperMessageWorkerDeps {
  /**
   * `ticketService.appendChatMessage`: the message in one conditional write when the ticket of
   * that conversation only needs it appended; null when not (then the ticket is looked up).
   */
  appendChatMessage?: (
    ticketId: string,
    conversationId: string,
    message: { id: string; body: string; at: Date },
  ) => Promise<Ticket | null>;
  findTicket: (ticketId: string) => Promise<Ticket | null>;
  /**
   * `ticketService.addShopperMessage`: idempotent by message id, reopens a finished ticket, and
   * publishes `message.created` to the agents watching the ticket and its assignee.
   */
  addShopperMessage: (
    ticketId: string,
    message: { id: string; body: string; at: Date },
    known?: Ticket,
  ) => Promise<{ ticket: Ticket; added: boolean }>;
  /** Where a message waits when its handoff ticket is not open yet (see early-messages.ts). */
  early?: EarlyMessages;
  logger?: Logger;
}

/**
 * Handles one `loyaldesk-chat-messages` job (`ShopperMessageJob`): parses it, finds the ticket
 * (by id, or the conversation's handoff ticket), and appends the shopper's message under the
 * chat's message id, so a redelivered job adds nothing. Before the handoff has opened the ticket,
 * the message is held for it (`early`). The common case (an open or assigned ticket, a new
 * message) is one conditional write; anything else is looked up and decided by the ticket's rules.
 */
export async function processShopperMessageJob(
  deps: ShopperMessageWorkerDeps,
  data: unknown,
): Promise<{ ticketId: string | null; added: boolean; held: boolean }> {
  const job = parseChatJob(shopperMessageJobSchema, data, 'shopper message job');
  const message = { id: job.message.id, body: job.message.body, at: new Date(job.message.at) };
  const ticketId = job.ticketId ?? handoffTicketId(job.conversationId);
  const appended = await deps.appendChatMessage?.(ticketId, job.conversationId, message);
  if (appended) {
    deps.logger?.debug({ ticketId, messageId: job.message.id, added: true }, 'shopper message on the ticket');
    return { ticketId, added: true, held: false };
  }
  let ticket: Ticket;
  try {
    ticket = await findChatTicket(deps.findTicket, job);
  } catch (error) {
    if (!(error instanceof ChatTicketNotYetOpenError) || !deps.early) throw error;
    // The handoff is still on its way: held for it, not retried (a backlog of retries starves the workers).
    await deps.early.hold(job.conversationId, message);
    // The handoff may have joined a proactive ticket instead of opening the conversation's own.
    const opened = await deps.findTicket((await deps.early.joinedTicketOf(job.conversationId)) ?? handoffTicketId(job.conversationId));
    if (!opened) return { ticketId: null, added: false, held: true };
    // It opened meanwhile: the handoff may have moved the held messages before this one was held.
    await deliverEarlyMessages({ early: deps.early, addShopperMessage: deps.addShopperMessage }, opened);
    return { ticketId: opened.id, added: true, held: true };
  }
  // The ticket just read is passed on: the service plans on it instead of reading it twice more.
  const { added } = await deps.addShopperMessage(ticket.id, message, ticket);
  deps.logger?.debug({ ticketId: ticket.id, messageId: job.message.id, added }, 'shopper message on the ticket');
  return { ticketId: ticket.id, added, held: false };
}

/**
 * Starts the shopper-message worker on the chat bot's `chatQueueNames.shopperMessages` queue.
 * @example startShopperMessageWorker(queues.shopperMessages, { findTicket, addShopperMessage });
 */
export function startShopperMessageWorker(queue: Bull.Queue<unknown>, deps: ShopperMessageWorkerDeps, concurrency = 16): void {
  startChatJobWorker(queue, (data) => processShopperMessageJob(deps, data), {
    name: 'shopper message',
    concurrency,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
