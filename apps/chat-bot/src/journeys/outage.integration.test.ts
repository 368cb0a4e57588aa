import type { RedisAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatNamespace } from '@loyaldesk/contracts/chat-event-names';
import { chatQueueNames, shopperMessageJobId } from '@loyaldesk/contracts/chat-jobs';
import { conversationMessagesCollection } from '../conversations/storage/conversation-store.ts';
import { eventually, startTestChatApp, type ChatClient, type TestChatApp } from '../testing/chat-test-app.ts';

/**
 * The database or Redis goes away under a running chat app (the app's links to the real servers are
 * cut, the servers keep running): nothing acknowledged is lost, nothing unstored is acknowledged.
 */
describe('outages (chat side)', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp({}, undefined, { throughOutageProxies: true });
  });
  afterAll(() => chat.close());

  function links() {
    if (!chat.links) throw new Error('the app was not started through outage proxies');
    return chat.links;
  }

  async function handedOff(): Promise<{ shopper: ChatClient; conversationId: string }> {
    const shopper = await chat.connect();
    const ready = await shopper.start();
    await shopper.ask('talk to a human');
    await shopper.waitForEvent('conversation.updated', (event) => (event as { state: string }).state === 'waiting');
    return { shopper, conversationId: ready.conversationId };
  }

  async function storedCopies(messageId: string): Promise<number> {
    const messages = chat.db.connection.db?.collection(conversationMessagesCollection);
    if (!messages) throw new Error('no database');
    return messages.countDocuments({ id: messageId });
  }

  it('a message acknowledged while Redis is away reaches the ticket queue once Redis is back, also when re-sent', async () => {
    const { shopper } = await handedOff();
    links().redis.cut();
    const ack = await shopper.send('my parcel is still missing', { clientId: 'redis-outage-1' });
    expect(ack.ok).toBe(true);
    const messageId = ack.ok ? ack.messageId : '';
    // The widget re-sends when an acknowledgement is lost: the same client id is recognised as stored.
    const again = await shopper.send('my parcel is still missing', { clientId: 'redis-outage-1' });
    expect(again).toMatchObject({ ok: true, messageId });
    links().redis.restore();
    const shopperMessages = chat.jobQueue(chatQueueNames.shopperMessages);
    const job = await eventually(async () => {
      const found = await shopperMessages.getJob(shopperMessageJobId(messageId));
      if (!found) throw new Error(`no job ${shopperMessageJobId(messageId)} yet`);
      return found;
    }, 30_000);
    expect(job.data).toMatchObject({ message: { id: messageId, body: 'my parcel is still missing' } });
    expect(await storedCopies(messageId)).toBe(1);
  });

  it("room broadcasts made while Redis is away past the client's retries reach the other instance once it is back", async () => {
    // A second instance reaches Redis directly: its tab sees the first instance's turns only through Redis.
    const other = await startTestChatApp({}, chat);
    // The first instance's publisher (the adapter's and the emitter's), which reaches Redis through the proxy.
    const publisher = (chat.app.io.of(chatNamespace).adapter as RedisAdapter).pubClient as Redis;
    let reconnections = 0;
    const countReconnection = (): void => void reconnections++;
    publisher.on('reconnecting', countReconnection);
    try {
      const onFirst = await chat.connect();
      const ready = await onFirst.start();
      const onOther = await other.connect();
      await onOther.start({ sessionToken: ready.sessionToken });
      // Stored before the outage (a new conversation's first message counts against a Redis limit).
      await onFirst.ask('hi');
      links().redis.cut();
      const answer = await onFirst.ask('thanks');
      // Five failed reconnections: past the 3 retries after which a limited client fails its commands.
      await eventually(async () => expect(reconnections).toBeGreaterThanOrEqual(5), 30_000);
      links().redis.restore();
      const shown = await onOther.waitForEvent(
        'message.created',
        (payload) => (payload as { message?: { id?: string } }).message?.id === answer.id,
        0,
        30_000,
      );
      expect(shown).toMatchObject({ message: { body: answer.body } });
    } finally {
      publisher.off('reconnecting', countReconnection);
      links().redis.restore();
      await other.close();
    }
  });

  it('a message sent while the database is away is refused with a wait, not acknowledged; its re-send is stored once', async () => {
    const { shopper } = await handedOff();
    links().database.cut();
    const refused = await shopper.send('hello, anyone there?', { clientId: 'db-outage-1' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error).toMatchObject({
        code: 'loyaldesk:service_unavailable',
        clientId: 'db-outage-1',
        retryAfterSeconds: expect.any(Number) as number,
      });
    }
    links().database.restore();
    const accepted = await eventually(async () => {
      const ack = await shopper.send('hello, anyone there?', { clientId: 'db-outage-1' });
      if (!ack.ok) throw new Error(`still refused: ${ack.error.message}`);
      return ack;
    }, 30_000);
    expect(await storedCopies(accepted.messageId)).toBe(1);
    const shopperMessages = chat.jobQueue(chatQueueNames.shopperMessages);
    await eventually(async () => {
      if (!(await shopperMessages.getJob(shopperMessageJobId(accepted.messageId))))
        throw new Error('not forwarded yet');
    }, 30_000);
  });
});
