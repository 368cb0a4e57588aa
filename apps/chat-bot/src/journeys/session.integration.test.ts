import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
      const first = await (await timed.connect()).start();
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

  it("shows a message to the shopper's other tabs too", async () => {
    const tab1 = await chat.connect();
    const ready = await tab1.start();
    const tab2 = await chat.connect();
    await tab2.start({ sessionToken: ready.sessionToken });
    await tab1.ask('hi');
    await tab2.nextMessage(0);
    const seen = tab2.messages.map((message) => `${message.author.kind}:${message.body}`);
    expect(seen[0]).toBe('customer:hi');
    expect(seen[1]).toMatch(/^bot:Hi!/);
  });
});
