import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentityToken } from '../identity/identity-token.ts';
import { adaOrder } from '../testing/shop-fixtures.ts';
import { startTestChatApp, testIdentitySecret, type TestChatApp } from '../testing/chat-test-app.ts';

const minimumMs = 150;

describe('shopper verification', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp({ verificationMinimumMilliseconds: minimumMs, trustProxy: true });
    await chat.profiles.ingestOrder(adaOrder);
  });
  afterAll(() => chat.close());

  it('reveals nothing on a wrong email: the same reply, in the same time, whether the order exists or not', async () => {
    // Six timings each (three conversations, within each one's five attempts a minute), compared by
    // their minimum: robust to a busy test machine, where one sample can be late by 100 ms or more.
    const timings = { wrongEmail: [] as number[], noSuchOrder: [] as number[] };
    const replies = { wrongEmail: [] as string[], noSuchOrder: [] as string[] };
    const shoppers = [];
    for (const ip of ['203.0.113.41', '203.0.113.42', '203.0.113.43']) {
      const shopper = await chat.connect({ ip });
      await shopper.start();
      shoppers.push(shopper);
      for (const [kind, order] of [
        ['wrongEmail', '1042'],
        ['noSuchOrder', '9999'],
        ['wrongEmail', '1042'],
        ['noSuchOrder', '9999'],
      ] as const) {
        await shopper.ask(`where is my order ${order}`);
        const started = performance.now();
        const reply = await shopper.ask('eve@example.com');
        timings[kind].push(performance.now() - started);
        replies[kind].push(reply.body);
      }
    }
    expect(replies.wrongEmail[0]).toBe(
      "Sorry, I couldn't match that order number and email address. Please check both and try again.",
    );
    expect(new Set([...replies.wrongEmail, ...replies.noSuchOrder]).size).toBe(1);
    for (const ms of [...timings.wrongEmail, ...timings.noSuchOrder]) expect(ms).toBeGreaterThanOrEqual(minimumMs - 5);
    expect(Math.abs(Math.min(...timings.wrongEmail) - Math.min(...timings.noSuchOrder))).toBeLessThan(60);
    const everything = shoppers.flatMap((shopper) => shopper.messages.map((message) => message.body)).join('\n');
    expect(everything).not.toMatch(/UPS|Stoneware|shipped|ada@/i);
  });

  it('refuses the sixth attempt within a minute in one conversation, even with the right email', async () => {
    const shopper = await chat.connect({ ip: '203.0.113.2' });
    await shopper.start();
    await shopper.ask('where is my order 1042');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const reply = await shopper.ask(`wrong${attempt}@example.com`);
      expect(reply.body).toContain("couldn't match");
    }
    const sixth = await shopper.ask('ada@example.com');
    expect(sixth.body).toMatch(/^Too many attempts\. Please wait \d+ seconds? and try again/);
    expect(sixth.body).not.toContain('UPS');
  });

  it('limits attempts per IP across conversations too (20 a minute): new conversations do not reset it', async () => {
    for (let conversation = 0; conversation < 4; conversation++) {
      const shopper = await chat.connect({ ip: '203.0.113.3' });
      await shopper.start();
      await shopper.ask('where is my order 1042');
      for (let attempt = 0; attempt < 5; attempt++)
        expect((await shopper.ask(`x${attempt}@example.com`)).body).toContain("couldn't match");
    }
    const fresh = await chat.connect({ ip: '203.0.113.3' });
    await fresh.start();
    await fresh.ask('where is my order 1042');
    expect((await fresh.ask('ada@example.com')).body).toMatch(/^Too many attempts/);
    // Another IP is not affected.
    const neighbour = await chat.connect({ ip: '203.0.113.4' });
    await neighbour.start();
    await neighbour.ask('where is my order 1042');
    expect((await neighbour.ask('ada@example.com')).body).toContain('Order #1042');
  });

  it('verifies a shopper signed in on the storefront by its identity token (no email needed)', async () => {
    const shopper = await chat.connect({ ip: '203.0.113.5' });
    const token = signIdentityToken(testIdentitySecret, 'cus_ada', new Date(Date.now() + 600_000));
    const ready = await shopper.start({ identityToken: token });
    expect(ready.customerVerified).toBe(true);
    const answer = await shopper.ask('where is my order 1042');
    expect(answer.body).toContain('Order #1042: shipped');
  });

  it('ignores an expired or forged identity token', async () => {
    const shopper = await chat.connect({ ip: '203.0.113.6' });
    const expired = signIdentityToken(testIdentitySecret, 'cus_ada', new Date(Date.now() - 1000));
    expect((await shopper.start({ identityToken: expired })).customerVerified).toBe(false);
    const other = await chat.connect({ ip: '203.0.113.6' });
    const forged = signIdentityToken('not-the-shop-secret-0123456789abcdef', 'cus_ada', new Date(Date.now() + 600_000));
    expect((await other.start({ identityToken: forged })).customerVerified).toBe(false);
  });
});
