import { Collection } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signIdentityToken } from '../identity/identity-token.ts';
import { adaOrder, boOrder } from '../testing/shop-fixtures.ts';
import { startTestChatApp, testIdentitySecret, type TestChatApp } from '../testing/chat-test-app.ts';

describe('order status over the chat socket', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp();
    await chat.profiles.ingestOrder(adaOrder);
    await chat.profiles.ingestOrder(boOrder);
  });
  afterAll(() => chat.close());

  it('"where is my order 1042" → asks for the email → verified → status, items, tracking events, ETA', async () => {
    const shopper = await chat.connect();
    const ready = await shopper.start({ language: 'en' });
    expect(ready.resumed).toBe(false);
    expect(shopper.messages[0]?.body).toMatch(/^Hi!/);

    const askEmail = await shopper.ask('where is my order 1042');
    expect(askEmail.body).toContain('email');
    expect(askEmail.body).toContain('#1042');
    expect(askEmail.body).not.toMatch(/UPS|shipped|mug/i);

    const answer = await shopper.ask('ada@example.com');
    expect(answer.author.kind).toBe('bot');
    expect(answer.body).toContain('Order #1042: shipped');
    expect(answer.body).toContain('2 × Stoneware mug');
    expect(answer.body).toContain('1 × Jasmine green tea');
    expect(answer.body).toContain('UPS 1Z999AA10123456784');
    expect(answer.body).toContain('estimated delivery Mar 9');
    expect(answer.body).toContain('Arrived at facility');
    expect(answer.body).toContain('Departed facility');
    expect(answer.body.indexOf('Arrived at facility')).toBeLessThan(answer.body.indexOf('Departed facility'));
    expect(answer.quickReplies?.map((reply) => reply.payload)).toContain('handoff.request');

    // Verified now: recent orders from the customer's copy, each a button to its details.
    const recent = await shopper.ask('My recent orders', { quickReply: 'orders.recent' });
    expect(recent.body).toContain('#1042');
    expect(recent.quickReplies?.[0]?.payload).toBe('order.show:1042');
    // …but not someone else's order.
    const other = await shopper.ask('what about order 2001');
    expect(other.body).toContain('email address you used for order #2001');
  });

  it('answers "我的订单1042到哪了" in simplified Chinese, all the way', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const askEmail = await shopper.ask('我的订单1042到哪了');
    expect(askEmail.body).toBe('为保护您的隐私，请告诉我订单 #1042 下单时使用的邮箱地址。');
    const answer = await shopper.ask('ada@example.com');
    expect(answer.body).toContain('谢谢，信息已核对。');
    expect(answer.body).toContain('订单 #1042：已发货');
    expect(answer.body).toContain('Stoneware mug × 2');
    expect(answer.body).toContain('UPS 1Z999AA10123456784，运输中，预计 3月9日 送达');
    expect(answer.body).toContain('Arrived at facility');
  });

  it('answers "我的訂單1042到哪裡了" in traditional Chinese, all the way', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const askEmail = await shopper.ask('我的訂單1042到哪裡了');
    expect(askEmail.body).toBe('為保護您的隱私，請告訴我訂單 #1042 下單時使用的電子郵件地址。');
    const answer = await shopper.ask('我的郵箱是 ada@example.com');
    expect(answer.body).toContain('謝謝，資料已核對。');
    expect(answer.body).toContain('訂單 #1042：已出貨');
    expect(answer.body).toContain('運送中，預計 3月9日 送達');
    const labels = answer.quickReplies?.map((reply) => reply.label) ?? [];
    expect(labels).toContain('轉接真人客服');
  });

  it("reads a verified shopper's order once per question, and only their own", async () => {
    const shopper = await chat.connect();
    await shopper.start({
      identityToken: signIdentityToken(testIdentitySecret, 'cus_ada', new Date(Date.now() + 600_000)),
    });
    const orderReads = vi.spyOn(Collection.prototype, 'findOne');
    try {
      const countOrderReads = () =>
        orderReads.mock.contexts.filter((context) => (context as Collection).collectionName === 'orders').length;
      const answer = await shopper.ask('where is my order 1042?');
      expect(answer.body).toContain('Order #1042: shipped');
      expect(countOrderReads()).toBe(1);
      // Bo's order is read too, and still not shown: the same "which email?" as an unknown one.
      const other = await shopper.ask('and order 2001');
      expect(other.body).toContain('email address you used for order #2001');
      expect(other.body).not.toMatch(/shipped|processing|Bo/);
      expect(countOrderReads()).toBe(2);
      // A tapped button is planned without the NLU, and read once the same way.
      const tapped = await shopper.ask('#1042', { quickReply: 'order.show:1042' });
      expect(tapped.body).toContain('Order #1042: shipped');
      expect(countOrderReads()).toBe(3);
    } finally {
      orderReads.mockRestore();
    }
  });
});
