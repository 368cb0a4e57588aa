import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryNoticeJob } from '@loyaldesk/contracts/delivery-notice';
import { createTestDatabase, type TestDatabase } from '@loyaldesk/platform/testing';
import { newConversation, newConversationId, type StoredMessage } from '../conversations/conversation.ts';
import { createKeyedSerialQueue } from '../conversations/keyed-serial-queue.ts';
import { createConversationStore, type ConversationStore } from '../conversations/storage/conversation-store.ts';
import { createCustomerNoticesStore, type CustomerNoticesStore } from './customer-notices-store.ts';
import { processDeliveryNoticeJob, type DeliveryNoticeWorkerDeps } from './delivery-notice-worker.ts';

const now = new Date('2026-12-07T10:00:00.000Z');
const job = (customerId: string, noticeKey: string): DeliveryNoticeJob => ({
  noticeKey,
  customerId,
  kind: 'delayed',
  orderNumber: '1038',
  carrier: 'UPS',
  trackingNumber: '1Z999AA10123456784',
  since: '2026-12-05T15:00:00.000Z',
  ticketId: 'tkt_pro_0123456789abcdef01234567',
  language: 'en',
  notifiedAt: now.toISOString(),
});

describe('processDeliveryNoticeJob', () => {
  let db: TestDatabase;
  let conversations: ConversationStore;
  let notices: CustomerNoticesStore;
  const shown: Array<{ conversationId: string; messages: readonly StoredMessage[] }> = [];
  let connected = false;
  let deps: DeliveryNoticeWorkerDeps;

  async function conversationOf(customerId: string | null, state: 'bot' | 'closed' = 'bot'): Promise<string> {
    const id = newConversationId();
    await conversations.create({ ...newConversation({ id, shop: null, language: 'zh-Hans', now }), customerId, state }, [], now);
    if (customerId) await notices.link(customerId, id);
    return id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    conversations = createConversationStore(db.connection);
    const database = db.connection.db;
    if (!database) throw new Error('no database');
    notices = createCustomerNoticesStore(database);
    deps = {
      notices,
      serial: createKeyedSerialQueue(),
      conversations,
      showMessages: (conversationId, messages) => shown.push({ conversationId, messages }),
      isConnected: () => Promise.resolve(connected),
      timeZone: 'Asia/Shanghai',
      clock: () => now,
    };
  });
  afterAll(() => db.drop());

  it('stores the notice once in the customer’s conversation, in its language, however often it is delivered', async () => {
    const conversationId = await conversationOf('cus_a');
    const key = 'ntc_aaaaaaaaaaaaaaaaaaaaaaaa';
    expect(await processDeliveryNoticeJob(deps, job('cus_a', key))).toBe('shown');
    expect(await processDeliveryNoticeJob(deps, job('cus_a', key))).toBe('shown');
    const transcript = await conversations.transcript(conversationId);
    expect(transcript.filter((message) => message.id === key).map((message) => message.body)).toEqual([
      '订单 #1038：UPS 自12月5日起报告您的包裹延误（1Z999AA10123456784）。我们的客服人员已在处理，您可以在这里回复。',
    ]);
    expect(shown.filter((entry) => entry.conversationId === conversationId)).toHaveLength(1);
    // Nobody was connected: one unread for the next resume, handed out once.
    expect(await notices.takeUnread('cus_a', conversationId)).toBe(1);
    expect(await notices.takeUnread('cus_a', conversationId)).toBe(0);
  });

  it('counts nothing unread when a socket of the conversation is open (the widget counts it live)', async () => {
    const conversationId = await conversationOf('cus_b');
    connected = true;
    try {
      expect(await processDeliveryNoticeJob(deps, job('cus_b', 'ntc_bbbbbbbbbbbbbbbbbbbbbbbb'))).toBe('shown');
    } finally {
      connected = false;
    }
    expect(await notices.takeUnread('cus_b', conversationId)).toBe(0);
  });

  it('keeps the notice without showing it when the conversation is closed, another customer’s, or there is none', async () => {
    const closed = await conversationOf('cus_c', 'closed');
    expect(await processDeliveryNoticeJob(deps, job('cus_c', 'ntc_cccccccccccccccccccccccc'))).toBe('kept');
    expect((await conversations.transcript(closed)).map((message) => message.id)).toEqual([]);

    const someoneElses = await conversationOf('cus_other');
    await notices.link('cus_d', someoneElses);
    expect(await processDeliveryNoticeJob(deps, job('cus_d', 'ntc_dddddddddddddddddddddddd'))).toBe('kept');
    expect((await conversations.transcript(someoneElses)).map((message) => message.id)).toEqual([]);

    expect(await processDeliveryNoticeJob(deps, job('cus_e', 'ntc_eeeeeeeeeeeeeeeeeeeeeeee'))).toBe('kept');
    expect((await notices.get('cus_e'))?.notices.map((notice) => notice.orderNumber)).toEqual(['1038']);
  });

  it('refuses a payload that does not parse, naming the field', async () => {
    await expect(processDeliveryNoticeJob(deps, { ...job('cus_f', 'ntc_ffffffffffffffffffffffff'), noticeKey: 'nope' })).rejects.toThrow(/noticeKey/);
  });
});
