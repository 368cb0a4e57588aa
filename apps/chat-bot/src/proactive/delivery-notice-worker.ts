import type Bull from 'bull';
import { conversationRoom } from '@loyaldesk/contracts/chat-events';
import { deliveryNoticeJobSchema, type DeliveryNoticeJob } from '@loyaldesk/contracts/delivery-notice';
import { validationErrorFrom } from '@loyaldesk/customer-profile/service';
import { startJobWorker } from '@loyaldesk/platform/jobs';
import type { Logger } from '@loyaldesk/platform/logger';
import type { StoredMessage } from '../conversations/conversation.ts';
import type { ConversationStore } from '../conversations/storage/conversation-store.ts';
import type { CustomerNotice, CustomerNoticesStore } from './customer-notices-store.ts';
import { deliveryNoticeText } from './notice-text.ts';

/** The author of notices in the transcript: the shop's assistant, marked as a delivery notice. */
export const noticeAuthor = { kind: 'bot', id: 'delivery-notice' } as const;

export interface DeliveryNoticeWorkerDeps {
  notices: CustomerNoticesStore;
  /** Runs work for one conversation after the work already queued for it (the socket handlers' queue). */
  serial: { run<T>(key: string, work: () => Promise<T>): Promise<T> };
  conversations: Pick<ConversationStore, 'load' | 'appendTurn'>;
  /** `service.showMessages`: `message.created` to every open socket of the conversation. */
  showMessages(conversationId: string, messages: readonly StoredMessage[]): void;
  /** Whether any socket of the conversation is open (on any instance). */
  isConnected(conversationId: string): Promise<boolean>;
  /** The shop's time zone, for the day the trouble began. */
  timeZone: string;
  clock: () => Date;
  logger?: Logger;
}

function customerNotice(job: DeliveryNoticeJob): CustomerNotice {
  return {
    key: job.noticeKey,
    kind: job.kind,
    orderNumber: job.orderNumber,
    carrier: job.carrier,
    trackingNumber: job.trackingNumber,
    since: new Date(job.since),
    ticketId: job.ticketId,
    notifiedAt: new Date(job.notifiedAt),
  };
}

/**
 * Applies one `DeliveryNoticeJob` (ticketing → chat): kept for the customer (so the bot knows when
 * they next chat), then stored in their latest conversation as a message once (by the notice's key)
 * in the conversation's language: live to its open sockets, or counted unread for their next visit.
 * Idempotent: a redelivered job changes nothing. A payload that does not parse throws a
 * ValidationError naming the field.
 */
export async function processDeliveryNoticeJob(deps: DeliveryNoticeWorkerDeps, data: unknown): Promise<'shown' | 'kept'> {
  const parsed = deliveryNoticeJobSchema.safeParse(data);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'delivery notice job');
  const job = parsed.data;
  const notice = customerNotice(job);
  const record = await deps.notices.add(job.customerId, notice);
  const conversationId = record.conversationId;
  if (!conversationId || record.shown.includes(notice.key)) return record.shown.includes(notice.key) ? 'shown' : 'kept';
  const shown = await deps.serial.run(conversationId, async () => {
    const conversation = await deps.conversations.load(conversationId);
    // Only the customer's own, still open conversation; otherwise the bot tells them when they write.
    if (!conversation || conversation.customerId !== job.customerId || conversation.state === 'closed') return false;
    const now = deps.clock();
    const message: StoredMessage = {
      id: notice.key,
      author: { ...noticeAuthor },
      body: deliveryNoticeText({ ...notice, personOnIt: notice.ticketId !== null }, conversation.language, deps.timeZone),
      at: now,
    };
    const result = await deps.conversations.appendTurn(conversationId, { messages: [message], idempotent: true }, now);
    if (!result?.appended) return result !== null;
    deps.showMessages(conversationId, [message]);
    if (!(await deps.isConnected(conversationId))) await deps.notices.addUnread(job.customerId, conversationId);
    return true;
  });
  if (!shown) return 'kept';
  await deps.notices.markShown(job.customerId, notice.key);
  deps.logger?.info({ conversationId, notice: notice.key }, 'delivery notice shown in the conversation');
  return 'shown';
}

/**
 * Starts the worker on ticketing's `deliveryNoticeQueueName` queue (every chat instance may take
 * jobs: the writes are conditional and idempotent), with the platform's one job policy.
 */
export function startDeliveryNoticeWorker(queue: Bull.Queue<unknown>, deps: DeliveryNoticeWorkerDeps, concurrency = 4): void {
  startJobWorker(queue, { name: 'delivery notice', concurrency, ...(deps.logger ? { logger: deps.logger } : {}) }, (data) =>
    processDeliveryNoticeJob(deps, data),
  );
}

/** Whether a socket of the conversation is open, on any instance (the Redis adapter asks them all). */
export async function conversationHasSockets(
  namespace: { in(room: string): { fetchSockets(): Promise<unknown[]> } },
  conversationId: string,
): Promise<boolean> {
  return (await namespace.in(conversationRoom(conversationId)).fetchSockets()).length > 0;
}
