import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conversationMessagesCollection,
  conversationsCollection,
} from '../conversations/storage/conversation-store.ts';
import { adaOrder } from '../testing/shop-fixtures.ts';
import { startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

describe('resuming a conversation with its session token', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp();
    await chat.profiles.ingestOrder(adaOrder);
  });
  afterAll(() => chat.close());

  it('a reload with the session token gets the same conversation and its full history, and carries on', async () => {
    const first = await chat.connect();
    const started = await first.start({ language: 'zh-Hans' });
    await first.ask('我的订单1042到哪了');
    await first.ask('ada@example.com');
    await first.ask('运费多少');
    const seen = await chat.app.service.find(started.conversationId);
    expect(seen?.messages).toHaveLength(7); // greeting + 3 × (question, answer)
    first.socket.disconnect();

    const reloaded = await chat.connect();
    const resumed = await reloaded.start({ sessionToken: started.sessionToken });
    expect(resumed.resumed).toBe(true);
    expect(resumed.conversationId).toBe(started.conversationId);
    expect(resumed.customerVerified).toBe(true);
    expect(resumed.language).toBe('zh-Hans');
    expect(resumed.earlierMessagesDropped).toBe(0);
    expect(resumed.messages.map((message) => message.body)).toEqual(seen?.messages.map((message) => message.body));
    expect(resumed.messages.map((message) => message.author.kind)).toEqual([
      'bot',
      'customer',
      'bot',
      'customer',
      'bot',
      'customer',
      'bot',
    ]);
    expect(resumed.messages[6]?.body).toContain('运费标准');
    expect(resumed.sessionToken).not.toBe('');

    // Still verified after the reload: order details without asking for the email again.
    expect((await reloaded.ask('1042到哪了')).body).toContain('订单 #1042：已发货');
  });

  it('stores a message re-sent after a lost acknowledgement once, and answers it once', async () => {
    const shopper = await chat.connect();
    const { conversationId } = await shopper.start();
    const first = await shopper.send('how much is shipping to Canada', { clientId: 'client-msg-1' });
    await shopper.nextMessage(0);
    const again = await shopper.send('how much is shipping to Canada', { clientId: 'client-msg-1' });
    expect(first.ok && again.ok && first.messageId === again.messageId).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const conversation = await chat.app.service.find(conversationId);
    expect(conversation?.messages.filter((message) => message.author.kind === 'customer')).toHaveLength(1);
    expect(conversation?.messages.filter((message) => message.body.startsWith('Shipping to Canada'))).toHaveLength(1);
  });

  it('starts a new conversation for a forged or unknown session token', async () => {
    const shopper = await chat.connect();
    const real = await shopper.start();
    const parts = real.sessionToken.split('.');
    parts[parts.length - 2] = String(Number(parts[parts.length - 2]) + 1); // a later expiry
    const other = await chat.connect();
    const forged = await other.start({ sessionToken: parts.join('.') });
    expect(forged.resumed).toBe(false);
    expect(forged.conversationId).not.toBe(real.conversationId);
    expect(forged.messages).toHaveLength(0);
  });

  it('cannot renew a session token past 30 days from its first issue: then a new conversation starts', async () => {
    const day = 24 * 3600 * 1000;
    const firstDay = Date.now();
    let now = new Date(firstDay);
    const timed = await startTestChatApp({ clock: () => now }, chat);
    try {
      const opener = await timed.connect();
      const first = await opener.start();
      await opener.ask('hello'); // stored from the first message on
      // Day 20: resumed, and the shopper's widget stores the renewed token.
      now = new Date(firstDay + 20 * day);
      const renewed = await (await timed.connect()).start({ sessionToken: first.sessionToken });
      expect(renewed.resumed).toBe(true);
      expect(renewed.conversationId).toBe(first.conversationId);
      // Day 31: the renewed token is only 11 days old, but the conversation's first token is 31.
      now = new Date(firstDay + 31 * day);
      const late = await (await timed.connect()).start({ sessionToken: renewed.sessionToken });
      expect(late.resumed).toBe(false);
      expect(late.conversationId).not.toBe(first.conversationId);
      expect(late.messages).toHaveLength(0);
    } finally {
      await timed.close();
    }
  });

  it('stores nothing for a chat opened and not written in; the first message stores it, greeting first', async () => {
    const documents = () => chat.db.connection.collection(conversationsCollection).countDocuments();
    const before = await documents();
    const shopper = await chat.connect();
    const ready = await shopper.start();
    expect(shopper.messages.map((message) => message.author.kind)).toEqual(['bot']); // greeted all the same
    expect(await documents()).toBe(before);
    expect(await chat.app.service.find(ready.conversationId)).toBeNull();

    // A reload before writing anything keeps the conversation id (and greets again); still nothing stored.
    const reloaded = await chat.connect();
    const again = await reloaded.start({ sessionToken: ready.sessionToken });
    expect(again).toMatchObject({ conversationId: ready.conversationId, resumed: false });
    expect(await documents()).toBe(before);

    await reloaded.ask('how much is shipping to Canada');
    expect(await documents()).toBe(before + 1);
    const stored = await chat.app.service.find(ready.conversationId);
    expect(stored?.messages.map((message) => `${message.author.kind}:${message.body.slice(0, 8)}`)).toEqual([
      `bot:${reloaded.messages[0]?.body.slice(0, 8)}`,
      'customer:how much',
      'bot:Shipping',
    ]);
    expect(stored?.messages[0]?.id).toBe(reloaded.messages[0]?.id);
    const messageDocuments = await chat.db.connection
      .collection(conversationMessagesCollection)
      .countDocuments({ conversationId: ready.conversationId });
    expect(messageDocuments).toBe(3);
  });

  it("shows a message to the shopper's other tabs too", async () => {
    const tab1 = await chat.connect();
    const ready = await tab1.start();
    const tab2 = await chat.connect();
    // Not stored yet (nobody wrote): the second tab carries on with the same one, greeted on its own.
    expect((await tab2.start({ sessionToken: ready.sessionToken })).conversationId).toBe(ready.conversationId);
    const [fromEvent, fromMessage] = [tab2.events.length, tab2.messages.length];
    await tab1.ask('hi');
    await tab2.nextMessage(fromEvent);
    const seen = tab2.messages.slice(fromMessage).map((message) => `${message.author.kind}:${message.body}`);
    expect(seen[0]).toBe('customer:hi');
    expect(seen[1]).toMatch(/^bot:Hi!/);
  });
});
