import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

/**
 * Two tabs of one conversation: the first starts it on `a`, the second carries on with it on `b`.
 * Nobody wrote yet, so it is not stored: each tab got its own greeting.
 */
async function twoTabs(a: TestChatApp, b: TestChatApp) {
  const onA = await a.connect();
  const ready = await onA.start();
  const onB = await b.connect();
  await onB.start({ sessionToken: ready.sessionToken });
  return { onA, onB };
}

function transcript(messages: ReadonlyArray<{ author: { kind: string }; body: string }>): string[] {
  return messages.map((message) => `${message.author.kind}:${message.body.split('\n')[0]}`);
}

describe('several chat instances behind a load balancer', () => {
  let first: TestChatApp;
  let second: TestChatApp;

  beforeAll(async () => {
    first = await startTestChatApp();
    second = await startTestChatApp({}, first);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it("shows each message to the conversation's tabs on the other instance", async () => {
    const { onA: onFirst, onB: onSecond } = await twoTabs(first, second);

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
  });
});
