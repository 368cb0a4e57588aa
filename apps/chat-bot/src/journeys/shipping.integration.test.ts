import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

describe('shipping answers from the policy file', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp();
  });
  afterAll(() => chat.close());

  it('"how much is shipping to Canada" quotes every option to the Canada zone', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const answer = await shopper.ask('how much is shipping to Canada');
    expect(answer.body).toBe(
      [
        'Shipping to Canada:',
        '• Standard: $12.00 (free on orders over $100.00), 5–8 business days',
        '• Express: $25.00, 2–3 business days',
      ].join('\n'),
    );
    expect(answer.quickReplies?.map((reply) => reply.payload)).toEqual(['shipping.time', 'handoff.request']);
  });

  it('"运费多少" gets the standard rate of every zone, in simplified Chinese', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const answer = await shopper.ask('运费多少');
    expect(answer.body.split('\n')[0]).toBe('运费标准：');
    expect(answer.body).toContain('• 加拿大：标准配送 US$12.00，满 US$100.00 免运费');
    expect(answer.body).toContain('• 美国：标准配送 US$5.00，满 US$50.00 免运费');
    expect(answer.quickReplies?.map((reply) => reply.label)).toEqual(['送达时间', '转人工客服']);
  });

  it('"運費多少" is answered in traditional Chinese', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const answer = await shopper.ask('運費多少');
    expect(answer.body.split('\n')[0]).toBe('運費標準：');
    expect(answer.body).toContain('加拿大：標準配送');
  });

  it('"if I order now, when will it arrive?" gives a ship day and arrival dates', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const answer = await shopper.ask('if I order now, when will it arrive in Canada?');
    expect(answer.body).toMatch(/^Order now/);
    expect(answer.body).toMatch(/• Standard to Canada: arrives \w{3}, \w{3} \d{1,2} – \w{3}, \w{3} \d{1,2}/);
    expect(answer.body).toMatch(/• Express to Canada: arrives/);
  });
});
