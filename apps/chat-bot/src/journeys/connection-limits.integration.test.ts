import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatErrorEventSchema } from '@loyaldesk/contracts/chat-events';
import { conversationsCollection } from '../conversations/storage/conversation-store.ts';
import { startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

/** The error event a refused connection carries (`connect_error`'s `data`). */
async function refusal(connecting: Promise<unknown>) {
  const error: unknown = await connecting.then(
    () => {
      throw new Error('the connection was accepted');
    },
    (refused: unknown) => refused,
  );
  return chatErrorEventSchema.parse((error as { data?: unknown }).data);
}

describe('who may connect, and how often', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp({
      trustedProxyHops: 1,
      addressLimits: { connectionsPerMinute: 5, conversationsPerHour: 3 },
    });
  });
  afterAll(() => chat.close());

  it('refuses a page of another site, and lets the chat server’s own pages and non-browser clients in', async () => {
    const ownOrigin = new URL(chat.url).origin;
    const refused = await chat.connect({ ip: '192.0.2.1', headers: { origin: 'https://evil.example' } }).then(
      () => 'connected',
      () => 'refused',
    );
    expect(refused).toBe('refused');
    const own = await chat.connect({ ip: '192.0.2.2', headers: { origin: ownOrigin } });
    expect(own.socket.connected).toBe(true);
    const server = await chat.connect({ ip: '192.0.2.3' });
    expect(server.socket.connected).toBe(true);
  });

  it('refuses the connection past the per-address limit, naming the limit and when to retry', async () => {
    for (let index = 0; index < 5; index++) await chat.connect({ ip: '198.51.100.20' });
    const error = await refusal(chat.connect({ ip: '198.51.100.20' }));
    expect(error).toMatchObject({ code: 'loyaldesk:rate_limited', limit: 'connections_per_ip', event: 'connection' });
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(error.message).toMatch(/^Too many connections from your network \(5 per minute\); try again in \d+ s$/);
    // Another address is not affected.
    expect((await chat.connect({ ip: '198.51.100.21' })).socket.connected).toBe(true);
  });

  it('counts an IPv6 client by its /64: addresses rotated within it share one allowance', async () => {
    for (let index = 1; index <= 5; index++) await chat.connect({ ip: `2001:db8:7:8::${index}` });
    const error = await refusal(chat.connect({ ip: '2001:db8:7:8:ffff::6' }));
    expect(error.limit).toBe('connections_per_ip');
    expect((await chat.connect({ ip: '2001:db8:7:9::1' })).socket.connected).toBe(true);
  });

  it('limits new conversations per address at their first message; the refused one is not stored', async () => {
    const documents = () => chat.db.connection.collection(conversationsCollection).countDocuments();
    const sessionTokens: string[] = [];
    for (let index = 0; index < 3; index++) {
      const shopper = await chat.connect({ ip: `10.9.9.${index}, 203.0.113.30` });
      sessionTokens.push((await shopper.start()).sessionToken);
      await shopper.ask('how much is shipping to Canada');
    }
    const before = await documents();
    const fourth = await chat.connect({ ip: '10.9.9.9, 203.0.113.30' });
    const ready = await fourth.start(); // opening the chat is free: nothing is stored
    const ack = await fourth.send('how much is shipping to Canada', { clientId: 'first-message' });
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error).toMatchObject({
      code: 'loyaldesk:rate_limited',
      limit: 'conversations_per_ip',
      event: 'message.send',
      clientId: 'first-message',
    });
    expect(ack.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(ack.error.message).toMatch(/^Too many new conversations from your network \(3 per hour\)/);
    expect(fourth.errors.at(-1)).toEqual(ack.error);
    expect(await documents()).toBe(before);
    expect(await chat.app.service.find(ready.conversationId)).toBeNull();

    // A stored conversation from the same address carries on; another address starts its own.
    const back = await chat.connect({ ip: '203.0.113.30' });
    expect((await back.start({ sessionToken: sessionTokens[0] })).resumed).toBe(true);
    expect((await back.ask('how much is shipping to Canada')).body).toMatch(/^Shipping to Canada/);
    const neighbour = await chat.connect({ ip: '203.0.113.31' });
    await neighbour.start();
    expect((await neighbour.ask('how much is shipping to Canada')).body).toMatch(/^Shipping to Canada/);
  });
});
