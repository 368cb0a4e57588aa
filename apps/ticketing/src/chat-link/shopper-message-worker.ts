import type Bull from 'bull';
import { shopperMessageJobSchema } from '@loyaldesk/contracts/chat-jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import type { Ticket } from '../tickets/ticket.ts';
import { findChatTicket, parseChatJob, startChatJobWorker } from './chat-job-worker.ts';

export interface ShopperMessageWorkerDeps {
  findTicket: (ticketId: string) => Promise<Ticket | null>;
  /**
   * `ticketService.addShopperMessage`: idempotent by message id, reopens a finished ticket, and
   * publishes `message.created` to the agents watching the ticket and its assignee.
   */
  addShopperMessage: (
    ticketId: string,
    message: { id: string; body: string; at: Date },
  ) => Promise<{ ticket: Ticket; added: boolean }>;
  logger?: Logger;
}

/**
 * Handles one `loyaldesk-chat-messages` job (`ShopperMessageJob`): parses it, finds the ticket
 * (by id, or the conversation's handoff ticket), and appends the shopper's message under the
 * chat's message id, so a redelivered job adds nothing.
 */
export async function processShopperMessageJob(
  deps: ShopperMessageWorkerDeps,
  data: unknown,
): Promise<{ ticketId: string; added: boolean }> {
  const job = parseChatJob(shopperMessageJobSchema, data, 'shopper message job');
  const ticket = await findChatTicket(deps.findTicket, job);
  const { added } = await deps.addShopperMessage(ticket.id, {
    id: job.message.id,
    body: job.message.body,
    at: new Date(job.message.at),
  });
  deps.logger?.debug({ ticketId: ticket.id, messageId: job.message.id, added }, 'shopper message on the ticket');
  return { ticketId: ticket.id, added };
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
