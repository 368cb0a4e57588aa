import { chatClientEvents, chatServerEvents, type ChatErrorEvent } from '@loyaldesk/contracts/chat-events';
import { Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversationMessagesCollection } from '../conversations/storage/conversation-store.ts';
import { signIdentityToken } from '../identity/identity-token.ts';
import { adaOrder } from '../testing/shop-fixtures.ts';
import { startTestChatApp, testIdentitySecret, type TestChatApp } from '../testing/chat-test-app.ts';

/** Documents each `insertMany` into the messages collection wrote, in call order. */
function messageWrites(spy: { mock: { calls: unknown[][]; contexts: unknown[] } }): Document[][] {
  return spy.mock.calls.flatMap((args, index) =>
    (spy.mock.contexts[index] as Collection).collectionName === conversationMessagesCollection
      ? [args[0] as Document[]]
      : [],
  );
}

describe('how a question and its answer are stored', () => {
  let chat: TestChatApp;
  const identityToken = () => signIdentityToken(testIdentitySecret, 'cus_ada', new Date(Date.now() + 600_000));

  beforeAll(async () => {
    chat = await startTestChatApp();
    await chat.profiles.ingestOrder(adaOrder);
  });
  afterAll(() => chat.close());

  it('writes the question and the answer together, and acknowledges the question before the answer shows', async () => {
    const shopper = await chat.connect();
    const ready = await shopper.start({ identityToken: identityToken() });
    // The first message also stores the conversation and its greeting: this test is about a turn after it.
    await shopper.ask('how much is shipping to Canada');
    const inserts = vi.spyOn(Collection.prototype, 'insertMany');
    try {
      const from = shopper.events.length;
      // No ack callback: the acknowledgement comes as its own event, so its place among the others shows.
      shopper.socket.emit(chatClientEvents.sendMessage, { text: 'where is my order 1042?', clientId: 'q-1' });
      const answer = await shopper.nextMessage(from);
      expect(answer.body).toContain('Order #1042: shipped');
      const received = shopper.events.slice(from).map((item) => item.event);
      expect(received).toEqual([chatServerEvents.messageAck, chatServerEvents.messageCreated]);

      const writes = messageWrites(inserts);
      expect(writes).toHaveLength(1);
      expect(writes[0]?.map((document) => [document['author']?.kind, document['body']])).toEqual([
        ['customer', 'where is my order 1042?'],
        ['bot', answer.body],
      ]);
    } finally {
      inserts.mockRestore();
    }
    // A reload shows both, in order.
    const reloaded = await chat.connect();
    const resumed = await reloaded.start({ sessionToken: ready.sessionToken });
    expect(resumed.messages.slice(-2).map((message) => message.author.kind)).toEqual(['customer', 'bot']);
  });

  it('keeps and acknowledges a question whose answer failed, and says so', async () => {
    const shopper = await chat.connect();
    const ready = await shopper.start({ identityToken: identityToken() });
    // The order read fails, everything else works.
    const realFindOne = Collection.prototype.findOne;
    const orderReads = vi.spyOn(Collection.prototype, 'findOne').mockImplementation(function (
      this: Collection,
      ...args: unknown[]
    ) {
      if (this.collectionName === 'orders') return Promise.reject(new Error('the orders collection is unreachable'));
      return (realFindOne as (...rest: unknown[]) => ReturnType<Collection['findOne']>).apply(this, args);
    });
    try {
      const from = shopper.events.length;
      const ack = await shopper.send('where is my order 1042?', { clientId: 'q-fails' });
      expect(ack.ok).toBe(true);
      const error = (await shopper.waitForEvent(chatServerEvents.error, undefined, from)) as ChatErrorEvent;
      expect(error.code).toBe('loyaldesk:reply_failed');
      expect(error.clientId).toBe('q-fails');
      expect(error.message).toContain('Your message is saved');
    } finally {
      orderReads.mockRestore();
    }
    const reloaded = await chat.connect();
    const resumed = await reloaded.start({ sessionToken: ready.sessionToken });
    expect(resumed.messages.at(-1)?.body).toBe('where is my order 1042?');
    // Asked again, it is answered (the failure left nothing behind for the next turn).
    const answer = await reloaded.ask('where is my order 1042?');
    expect(answer.body).toContain('Order #1042: shipped');
  });
});
