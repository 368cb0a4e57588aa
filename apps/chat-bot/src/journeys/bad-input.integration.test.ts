import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  endConversationPayloadSchema,
  sendMessagePayloadSchema,
  shopperTypingPayloadSchema,
  startConversationPayloadSchema,
} from '@loyaldesk/contracts/chat-events';
import { eventually, startTestChatApp, type TestChatApp } from '../testing/chat-test-app.ts';

const clientEvents: Record<string, z.ZodType> = {
  'conversation.start': startConversationPayloadSchema,
  'message.send': sendMessagePayloadSchema,
  typing: shopperTypingPayloadSchema,
  'conversation.end': endConversationPayloadSchema,
};
// socket.io-client refuses to emit these itself.
const reserved = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

/** What the server receives: Socket.IO sends JSON. */
function overTheWire(payload: unknown): unknown {
  return (JSON.parse(JSON.stringify([payload ?? null])) as unknown[])[0];
}

const malformedPayload = fc.oneof(
  fc.anything(),
  fc.record({ text: fc.string({ minLength: 2001, maxLength: 2400 }) }),
  fc.record({ text: fc.constantFrom('', '   ', '\n\t') }),
  fc.record({
    text: fc.string({ maxLength: 20 }),
    clientId: fc.string({ maxLength: 80 }),
    quickReply: fc.string({ maxLength: 40 }),
  }),
  fc.record({ typing: fc.anything() }),
  fc.record({ sessionToken: fc.anything(), identityToken: fc.anything(), language: fc.string() }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 4 }),
);

const malformedEvent = fc.oneof(
  fc
    .record({ event: fc.constantFrom(...Object.keys(clientEvents)), payload: malformedPayload })
    .filter(({ event, payload }) => !clientEvents[event]?.safeParse(overTheWire(payload)).success),
  fc.record({
    event: fc.string({ minLength: 1, maxLength: 80 }).filter((name) => !reserved.has(name) && !(name in clientEvents)),
    payload: fc.anything(),
  }),
);

describe('bad input on the chat socket', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    // A generous flood limit here: this file checks validation; the flood guard has its own test below.
    chat = await startTestChatApp({ floodLimits: { burst: 5000, perSecond: 5000 } });
  });
  afterAll(() => chat.close());

  it('answers 1,000 random malformed payloads each with an error event, stays up, and loses nothing stored', async () => {
    const shopper = await chat.connect();
    const ready = await shopper.start();
    await shopper.ask('how much is shipping to Canada');
    await shopper.ask('hi');
    const before = await chat.app.service.find(ready.conversationId);
    expect(before?.messages.length).toBe(5);

    const samples = fc.sample(malformedEvent, { numRuns: 1000, seed: 42 });
    const errorsBefore = shopper.errors.length;
    for (const { event, payload } of samples) shopper.socket.emit(event, payload);
    await eventually(async () => expect(shopper.errors.length - errorsBefore).toBe(1000), 20_000);
    const errors = shopper.errors.slice(errorsBefore);
    expect(errors.every((error) => error.code.startsWith('loyaldesk:') && error.message.length > 0)).toBe(true);
    expect(errors.map((error) => error.event)).toEqual(samples.map((sample) => sample.event.slice(0, 60)));
    const validation = errors.filter((error) => error.code === 'loyaldesk:validation_failed');
    expect(validation.length).toBeGreaterThan(300);
    expect(validation.every((error) => typeof error.field === 'string' && error.field.length > 0)).toBe(true);
    expect(shopper.socket.connected).toBe(true);

    // Same socket, same conversation: still answered.
    expect((await shopper.ask('how much is shipping to Canada')).body).toContain('Shipping to Canada');
    // A reload gets every earlier message back.
    const reloaded = await chat.connect();
    const resumed = await reloaded.start({ sessionToken: ready.sessionToken });
    expect(resumed.messages.slice(0, 5).map((message) => message.id)).toEqual(
      before?.messages.map((message) => message.id),
    );
    expect(resumed.messages).toHaveLength(7);
  });

  it('refuses a message over 2,000 characters with an error naming the field, and keeps the chat going', async () => {
    const shopper = await chat.connect();
    await shopper.start();
    const ack = await shopper.send('x'.repeat(2001), { clientId: 'too-long-1' });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'loyaldesk:validation_failed', field: 'text', clientId: 'too-long-1' },
    });
    expect(!ack.ok && ack.error.message).toContain('at most 2000 characters');
    expect((await shopper.ask('hi')).body).toMatch(/^Hi!/);
  });

  it('closes only the socket of a frame far over the limit; the conversation resumes', async () => {
    const shopper = await chat.connect();
    const ready = await shopper.start();
    const closed = new Promise<string>((resolve) => shopper.socket.once('disconnect', resolve));
    shopper.socket.emit('message.send', { text: 'y'.repeat(400_000) });
    expect(await closed).toMatch(/close/);
    const again = await chat.connect();
    const resumed = await again.start({ sessionToken: ready.sessionToken });
    expect(resumed.conversationId).toBe(ready.conversationId);
    expect((await again.ask('hi')).body).toMatch(/^Hi!/);
  });

  it('refuses events nobody should send: before start, and unknown ones', async () => {
    const shopper = await chat.connect();
    const ack = await shopper.send('hello');
    expect(ack).toMatchObject({ ok: false, error: { code: 'loyaldesk:conversation_not_started' } });
    shopper.socket.emit('admin.drop_everything', { please: true });
    await eventually(async () =>
      expect(shopper.errors.at(-1)).toMatchObject({ code: 'loyaldesk:unknown_event', field: 'event' }),
    );
  });
});

describe('flood guard', () => {
  let chat: TestChatApp;

  beforeAll(async () => {
    chat = await startTestChatApp();
  });
  afterAll(() => chat.close());

  it('refuses a flood with a clear error, stores only what it acknowledged, and keeps the connection', async () => {
    const shopper = await chat.connect();
    const { conversationId } = await shopper.start();
    const acks = await Promise.all(Array.from({ length: 40 }, (_, i) => shopper.send(`hi ${i}`)));
    const refused = acks.filter((ack) => !ack.ok);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'loyaldesk:rate_limited' } });
    expect(!refused[0]?.ok && refused[0]?.error.message).toMatch(/Too many events; slow down/);
    expect(shopper.socket.connected).toBe(true);
    const accepted = acks.filter((ack) => ack.ok).length;
    await eventually(async () => {
      const conversation = await chat.app.service.find(conversationId);
      expect(conversation?.messages.filter((message) => message.author.kind === 'customer')).toHaveLength(accepted);
    });
  });
});
