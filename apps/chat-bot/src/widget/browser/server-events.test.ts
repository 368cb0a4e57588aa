import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  chatErrorEventSchema,
  chatMessageSchema,
  conversationReadyEventSchema,
  conversationUpdatedEventSchema,
  messageAckEventSchema,
  messageCreatedEventSchema,
  queuePositionEventSchema,
  typingEventSchema,
} from '@loyaldesk/contracts/chat-events';
import {
  readAck,
  readChatError,
  readChatMessage,
  readConversationReady,
  readConversationUpdated,
  readMessageAck,
  readMessageCreated,
  readQueuePosition,
  readTyping,
} from './server-events.ts';

const botMessage = {
  id: 'msg_1',
  author: { kind: 'bot' },
  body: 'Hi! How can I help?',
  at: '2026-03-01T15:00:00.000Z',
  quickReplies: [{ label: 'Where is my order?', payload: 'order.status' }],
};
const agentMessage = {
  id: 'msg_2',
  author: { kind: 'agent', id: 'agt_1', name: 'Maria Chen' },
  body: 'Hello, Maria here.',
  at: '2026-03-01T15:01:00+08:00',
  visibility: 'public',
};
const queue = { ticketId: 'tkt_1', position: 3, expectedWaitSeconds: 240, conversationId: 'conv_1' };
const ready = {
  conversationId: 'conv_1',
  sessionToken: 'v1.conv_1.1790000000.abcdefabcdef',
  resumed: true,
  state: 'waiting',
  language: 'zh-Hans',
  customerVerified: true,
  messages: [botMessage, agentMessage],
  earlierMessagesDropped: 0,
  ticketId: 'tkt_1',
  queue,
};

// Each reader with its schema, payloads the schema accepts, and payloads it refuses.
const cases: Array<{
  name: string;
  schema: z.ZodType;
  read: (value: unknown) => unknown;
  valid: unknown[];
  invalid: unknown[];
}> = [
  {
    name: 'chat message',
    schema: chatMessageSchema,
    read: readChatMessage,
    valid: [botMessage, agentMessage, { ...botMessage, quickReplies: [] }],
    invalid: [
      null,
      'hi',
      { ...botMessage, id: 'has space' },
      { ...botMessage, body: '' },
      { ...botMessage, at: 'yesterday' },
      { ...botMessage, author: { kind: 'robot' } },
      { ...botMessage, quickReplies: [{ label: 'x' }] },
      { ...agentMessage, visibility: 'secret' },
    ],
  },
  {
    name: 'message.created',
    schema: messageCreatedEventSchema,
    read: readMessageCreated,
    valid: [
      { conversationId: 'conv_1', message: botMessage },
      { conversationId: 'conv_1', message: botMessage, language: 'zh-Hant' },
      { ticketId: 'tkt_1', message: agentMessage },
    ],
    invalid: [
      { conversationId: 'conv_1' },
      { conversationId: 'a b', message: botMessage },
      { conversationId: 'conv_1', message: botMessage, language: 'fr' },
    ],
  },
  {
    name: 'queue.position',
    schema: queuePositionEventSchema,
    read: readQueuePosition,
    valid: [queue, { ticketId: 'tkt_1', position: 1, expectedWaitSeconds: null }],
    invalid: [
      { ...queue, position: 0 },
      { ...queue, position: 1.5 },
      { ...queue, expectedWaitSeconds: -1 },
      { ticketId: 'tkt_1', position: 2 },
    ],
  },
  {
    name: 'conversation.ready',
    schema: conversationReadyEventSchema,
    read: readConversationReady,
    valid: [ready, { ...ready, state: 'bot', queue: null, ticketId: null, messages: [] }, { ...ready, unreadCount: 2 }],
    invalid: [
      { ...ready, state: 'lost' },
      { ...ready, language: 'fr' },
      { ...ready, messages: [{ ...botMessage, body: '' }] },
      { ...ready, queue: { position: 1 } },
      { ...ready, sessionToken: 'short' },
      { ...ready, unreadCount: 0 },
    ],
  },
  {
    name: 'typing',
    schema: typingEventSchema,
    read: readTyping,
    valid: [
      { author: { kind: 'bot' }, typing: true },
      { ticketId: 'tkt_1', author: { kind: 'agent', name: 'Maria' }, typing: false },
    ],
    invalid: [{ author: { kind: 'customer' }, typing: true }, { author: { kind: 'bot' } }],
  },
  {
    name: 'conversation.updated',
    schema: conversationUpdatedEventSchema,
    read: readConversationUpdated,
    valid: [
      { conversationId: 'conv_1', state: 'agent', ticketId: 'tkt_1' },
      { conversationId: 'conv_1', state: 'bot', ticketId: null },
    ],
    invalid: [{ conversationId: 'conv_1', state: 'agent' }, { conversationId: 'conv_1', state: 'x', ticketId: null }],
  },
  {
    name: 'message ack',
    schema: messageAckEventSchema,
    read: readMessageAck,
    valid: [{ messageId: 'msg_9', clientId: 'abc' }, { messageId: 'msg_9' }],
    invalid: [{ clientId: 'abc' }, { messageId: '' }],
  },
  {
    name: 'error',
    schema: chatErrorEventSchema,
    read: readChatError,
    valid: [
      { code: 'loyaldesk:rate_limited', message: 'Slow down' },
      { code: 'loyaldesk:validation_failed', message: 'too long', field: 'text', clientId: 'abc' },
      {
        code: 'loyaldesk:rate_limited',
        message: 'Too many new conversations from your network (60 per hour); try again in 42 s',
        event: 'message.send',
        clientId: 'abc',
        limit: 'conversations_per_ip',
        retryAfterSeconds: 42,
      },
    ],
    invalid: [
      { message: 'no code' },
      42,
      { code: 'loyaldesk:rate_limited', message: 'wait', retryAfterSeconds: 1.5 },
      { code: 'loyaldesk:rate_limited', message: 'wait', retryAfterSeconds: '42' },
    ],
  },
];

describe('server event readers', () => {
  describe.each(cases)('$name', ({ schema, read, valid, invalid }) => {
    it('accepts what the contract schema accepts, as the schema reads it', () => {
      for (const payload of valid) {
        const parsed = schema.safeParse(payload);
        expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
        expect(read(payload)).toEqual(parsed.data);
      }
    });

    it('refuses what the contract schema refuses', () => {
      for (const payload of invalid) {
        expect(schema.safeParse(payload).success).toBe(false);
        expect(read(payload)).toBeNull();
      }
    });
  });

  it('reads acknowledgements: results, refusals, and neither', () => {
    expect(readAck({ ok: true, messageId: 'msg_1', clientId: 'c1' }, readMessageAck)).toEqual({
      ok: true,
      result: { messageId: 'msg_1', clientId: 'c1' },
    });
    expect(readAck({ ok: false, error: { code: 'loyaldesk:rate_limited', message: 'wait' } }, readMessageAck)).toEqual(
      { ok: false, error: { code: 'loyaldesk:rate_limited', message: 'wait' } },
    );
    expect(readAck({ ok: true }, readMessageAck)).toBeNull();
    expect(readAck(undefined, readMessageAck)).toBeNull();
  });
});
