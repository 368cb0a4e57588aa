import { describe, expect, it } from 'vitest';
import { sendMessagePayloadSchema, shopperTypingPayloadSchema } from '@loyaldesk/contracts/chat-events';
import { parsePayload } from './parse-payload.ts';

describe('parsePayload', () => {
  it('returns the parsed payload', () => {
    expect(parsePayload(sendMessagePayloadSchema, { text: '  hi ' }, 'message.send')).toEqual({
      ok: true,
      data: { text: 'hi' },
    });
  });

  it('names the bad field, an unknown field, or the payload itself', () => {
    const tooLong = parsePayload(sendMessagePayloadSchema, { text: 'x'.repeat(2001) }, 'message.send');
    expect(tooLong).toMatchObject({ ok: false, error: { field: 'text', event: 'message.send' } });
    expect(!tooLong.ok && tooLong.error.message).toContain('at most 2000 characters');
    expect(parsePayload(shopperTypingPayloadSchema, { typing: true, extra: 1 }, 'typing')).toMatchObject({
      ok: false,
      error: { field: 'extra' },
    });
    expect(parsePayload(shopperTypingPayloadSchema, 'yes', 'typing')).toMatchObject({
      ok: false,
      error: { field: 'payload' },
    });
  });
});
