import { describe, expect, it } from 'vitest';
import {
  chatMessageSchema,
  conversationRoom,
  messageCreatedEventSchema,
  queuePositionEventSchema,
  sendMessagePayloadSchema,
  startConversationPayloadSchema,
  ticketResolvedEventSchema,
} from './chat-events.ts';

const agentReply = {
  ticketId: 'tkt_conv_conv_42',
  message: {
    id: 'msg_0123456789abcdef',
    author: { kind: 'agent', id: 'agt_1', name: 'Mei' },
    visibility: 'public',
    body: 'Your parcel is on its way again.',
    at: '2026-03-01T10:05:00.000Z',
  },
};

describe('chat event schemas', () => {
  it('names the room of a conversation', () => {
    expect(conversationRoom('conv_42')).toBe('conversation:conv_42');
  });

  it('accepts an agent reply in the shape ticketing emits it', () => {
    const parsed = messageCreatedEventSchema.parse(agentReply);
    expect(parsed.message.author.kind).toBe('agent');
    expect(parsed.ticketId).toBe('tkt_conv_conv_42');
  });

  it('names the field that is wrong in a shopper message', () => {
    const cases: Array<[unknown, string]> = [
      [{ text: '' }, 'text'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: 'hi', clientId: 'a b' }, 'clientId'],
      [{ text: 'hi', quickReply: 'DROP TABLE' }, 'quickReply'],
    ];
    for (const [input, field] of cases) {
      const result = sendMessagePayloadSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path.join('.')).toBe(field);
    }
  });

  it('refuses unknown fields so typos are reported, not ignored', () => {
    const result = startConversationPayloadSchema.safeParse({ sessionTokn: 'abc' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('keeps queue positions and resolutions to their contract', () => {
    expect(queuePositionEventSchema.parse({ ticketId: 't_1', position: 3, expectedWaitSeconds: null }).position).toBe(
      3,
    );
    expect(queuePositionEventSchema.safeParse({ ticketId: 't_1', position: 0, expectedWaitSeconds: 5 }).success).toBe(
      false,
    );
    expect(ticketResolvedEventSchema.safeParse({ ticketId: 't_1', resolvedAt: 'now' }).success).toBe(false);
  });

  it('bounds quick replies per message', () => {
    const quickReplies = Array.from({ length: 13 }, (_, i) => ({ label: `L${i}`, payload: `menu.${i}` }));
    const result = chatMessageSchema.safeParse({ ...agentReply.message, quickReplies });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('quickReplies');
  });
});
