import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatNamespace, conversationRoom } from '@loyaldesk/contracts/chat-event-names';
import { eventually, startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';
import type { PeerAwareRedisAdapter } from '../transport/peer-aware-adapter.ts';

function roomAdapterOf(chat: TestChatApp): PeerAwareRedisAdapter {
  return chat.app.io.of(chatNamespace).adapter as PeerAwareRedisAdapter;
}

/**
 * Two tabs of one conversation: the first starts it on `a`, the second carries on with it on `b`.
 * Nobody wrote yet, so it is not stored: each tab got its own greeting.
 */
async function twoTabs(a: TestChatApp, b: TestChatApp) {
  const onA = await a.connect();
  const ready = await onA.start();
  const onB = await b.connect();
  await onB.start({ sessionToken: ready.sessionToken });
  return { onA, onB, conversationId: ready.conversationId };
}

function transcript(messages: ReadonlyArray<{ author: { kind: string }; body: string }>): string[] {
  return messages.map((message) => `${message.author.kind}:${message.body.split('\n')[0]}`);
}

describe('several chat instances behind a load balancer', () => {
  let first: TestChatApp;
  let watcher: Redis;
  // Channels of everything published to `/chat` rooms through Redis, in order.
  const published: string[] = [];

  beforeAll(async () => {
    first = await startTestChatApp({ peerCheckIntervalMs: 100 });
    watcher = new Redis(first.redis.url);
    watcher.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer) => published.push(channel.toString()));
    await watcher.psubscribe(`${first.redis.prefix}socket.io#${chatNamespace}#*`);
  });
  afterAll(async () => {
    watcher.disconnect();
    await first.close();
  });

  it('keeps room broadcasts in the process while it is the only instance', async () => {
    expect(roomAdapterOf(first).alone).toBe(true);
    const { onA: tab1, onB: tab2 } = await twoTabs(first, first);
    const before = published.length;
    await tab1.ask('hi');
    await tab2.nextMessage(1);
    expect(transcript(tab2.messages)).toEqual([
      expect.stringMatching(/^bot:Hi!/), // its own greeting
      'customer:hi',
      expect.stringMatching(/^bot:Hi!/),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published.slice(before)).toEqual([]);
  });

  it('shows each message to tabs on the other instance, and stops publishing once that instance is gone', async () => {
    const second = await startTestChatApp({ peerCheckIntervalMs: 100 }, first);
    try {
      // The second instance accepts sockets only once the first has answered its announcement.
      expect(roomAdapterOf(first).alone).toBe(false);
      expect(roomAdapterOf(second).alone).toBe(false);

      const { onA: onFirst, onB: onSecond, conversationId } = await twoTabs(first, second);
      const before = published.length;

      await onFirst.ask('hi');
      await onSecond.nextMessage(1);
      expect(transcript(onSecond.messages)).toEqual([
        expect.stringMatching(/^bot:Hi!/), // its own greeting
        'customer:hi',
        expect.stringMatching(/^bot:Hi!/),
      ]);

      await onSecond.ask('thanks');
      await onFirst.nextMessage(3);
      expect(transcript(onFirst.messages).slice(2)).toEqual(['customer:thanks', expect.stringMatching(/^bot:/)]);
      // Both instances published every message of the turn to the conversation's room.
      const room = `${first.redis.prefix}socket.io#${chatNamespace}#${conversationRoom(conversationId)}#`;
      expect(published.slice(before).filter((channel) => channel === room).length).toBeGreaterThanOrEqual(4);
    } finally {
      await second.close();
    }

    await eventually(async () => expect(roomAdapterOf(first).alone).toBe(true));
    const tab = await first.connect();
    await tab.start();
    const before = published.length;
    await tab.ask('hi');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published.slice(before)).toEqual([]);
  });
});
