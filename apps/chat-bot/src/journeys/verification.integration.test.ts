import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentsNamespace,
  agentsStaffRoom,
  chatToAgentEvents,
  verificationLockedEventSchema,
  type VerificationLockedEvent,
} from '@loyaldesk/contracts/chat-events';
import { signIdentityToken } from '../identity/identity-token.ts';
import { adaOrder } from '../testing/shop-fixtures.ts';
import { startTestChatApp, testIdentitySecret, type TestChatApp } from '../testing/chat-test-app.ts';

const minimumMs = 150;

describe('shopper verification', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp({
      verificationMinimumMilliseconds: minimumMs,
      trustedProxyHops: 1,
      // These tests guess order 1042's email more often than its lockout allows (tested below).
      orderLockoutLimits: { failures: 1000, windowSeconds: 900, lockSeconds: 1800 },
    });
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

  it('limits by the address our proxy saw, not the client-written X-Forwarded-For entries left of it', async () => {
    // One client behind the load balancer (trusted: 1 hop), a new spoofed leftmost entry on every
    // connection and a new order number on every guess: 30 guesses, the per-address limit is 20.
    const replies: string[] = [];
    for (let connection = 0; connection < 6; connection++) {
      const shopper = await chat.connect({ ip: `198.51.100.${connection + 1}, 203.0.113.7` });
      await shopper.start();
      for (let guess = 0; guess < 5; guess++) {
        await shopper.ask(`where is my order ${5000 + connection * 5 + guess}`);
        replies.push((await shopper.ask('eve@example.com')).body);
      }
    }
    expect(replies.slice(0, 20).every((reply) => reply.includes("couldn't match"))).toBe(true);
    expect(replies.slice(20).every((reply) => reply.startsWith('Too many attempts'))).toBe(true);
    // Another client of the same load balancer is not affected.
    const other = await chat.connect({ ip: '198.51.100.1, 203.0.113.8' });
    await other.start();
    await other.ask('where is my order 1042');
    expect((await other.ask('ada@example.com')).body).toContain('Order #1042');
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

/** A stand-in for ticketing's `/agents`: a Socket.IO server on the same Redis adapter, every socket in `staff`. */
async function startAgentsListener(chat: TestChatApp) {
  const publisher = new Redis(chat.redis.url);
  const subscriber = publisher.duplicate();
  const httpServer = createServer();
  const server = new Server(httpServer, {
    adapter: createAdapter(publisher, subscriber, { key: `${chat.redis.prefix}socket.io` }),
  });
  server.of(agentsNamespace).on('connection', (socket) => void socket.join(agentsStaffRoom));
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const agent: ClientSocket = connectClient(`http://127.0.0.1:${port}${agentsNamespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  const alerts: VerificationLockedEvent[] = [];
  agent.on(chatToAgentEvents.verificationLocked, (payload: unknown) =>
    alerts.push(verificationLockedEventSchema.parse(payload)),
  );
  await new Promise<void>((resolve, reject) => {
    agent.once('connect', () => resolve());
    agent.once('connect_error', reject);
  });
  return {
    alerts,
    /** Resolves with the alerts once `count` arrived (bounded). */
    async waitFor(count: number, timeoutMs = 10_000): Promise<VerificationLockedEvent[]> {
      const deadline = Date.now() + timeoutMs;
      while (alerts.length < count) {
        if (Date.now() > deadline)
          throw new Error(`${alerts.length} verification.locked alerts within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return alerts;
    },
    async close() {
      agent.disconnect();
      await new Promise<void>((resolve) => {
        void server.close(() => resolve());
      });
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

describe('order verification lockout', () => {
  let chat: TestChatApp;
  let agents: Awaited<ReturnType<typeof startAgentsListener>>;

  beforeAll(async () => {
    chat = await startTestChatApp({ verificationMinimumMilliseconds: 30, trustedProxyHops: 1 });
    await chat.profiles.ingestOrder(adaOrder);
    agents = await startAgentsListener(chat);
  });
  afterAll(async () => {
    await agents.close();
    await chat.close();
  });

  /** One guess at `orderNumber`'s email, in a new conversation from a new address. */
  async function guess(orderNumber: string, email: string, address: string): Promise<string> {
    const shopper = await chat.connect({ ip: address });
    await shopper.start();
    await shopper.ask(`where is my order ${orderNumber}`);
    return (await shopper.ask(email)).body;
  }

  it('locks an order for 30 minutes after 5 failed emails from any conversations and addresses, and alerts the agents', async () => {
    for (let attempt = 1; attempt <= 5; attempt++)
      expect(await guess('1042', `guess${attempt}@example.com`, `198.51.100.${100 + attempt}`)).toContain(
        "couldn't match",
      );
    const [alert] = await agents.waitFor(1);
    expect(alert).toMatchObject({ orderNumber: '1042', attempts: 5 });
    const minutesLocked = (Date.parse(alert?.lockedUntil ?? '') - Date.now()) / 60_000;
    expect(minutesLocked).toBeGreaterThan(29);
    expect(minutesLocked).toBeLessThanOrEqual(30);

    // Even the right email from a fresh address and conversation is not checked now.
    const locked = await guess('1042', 'ada@example.com', '198.51.100.199');
    expect(locked).toBe(
      'For your security, checks for order #1042 are paused for 30 minutes after too many attempts. A person can help you now.',
    );
    expect(locked).not.toMatch(/UPS|shipped/);
    expect(agents.alerts).toHaveLength(1); // once per lock
  });

  it('locks an order number that does not exist the same way (a lock reveals nothing)', async () => {
    for (let attempt = 1; attempt <= 5; attempt++)
      expect(await guess('7777', `guess${attempt}@example.com`, `198.51.100.${150 + attempt}`)).toContain(
        "couldn't match",
      );
    expect(await guess('7777', 'ada@example.com', '198.51.100.200')).toBe(
      'For your security, checks for order #7777 are paused for 30 minutes after too many attempts. A person can help you now.',
    );
    const alerts = await agents.waitFor(2);
    expect(alerts[1]).toMatchObject({ orderNumber: '7777', attempts: 5 });
  });
});
