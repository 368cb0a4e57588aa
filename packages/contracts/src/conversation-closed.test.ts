import { describe, expect, it } from 'vitest';
import { conversationClosedEventSchema, conversationClosedJobId } from './conversation-closed.ts';

const valid = {
  conversationId: 'conv_42',
  closedAt: '2026-03-01T10:05:00.000Z',
  handedOff: false,
  language: 'zh-Hans',
};

describe('conversationClosedEventSchema', () => {
  it('accepts a complete payload and keeps its values', () => {
    const parsed = conversationClosedEventSchema.parse(valid);
    expect(parsed).toEqual(valid);
  });

  it('names the field that is wrong', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, conversationId: 'conv 42' }, 'conversationId'],
      [{ ...valid, closedAt: 'yesterday' }, 'closedAt'],
      [{ ...valid, handedOff: 'yes' }, 'handedOff'],
      [{ ...valid, language: 'fr' }, 'language'],
    ];
    for (const [input, field] of cases) {
      const result = conversationClosedEventSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path.join('.')).toBe(field);
    }
  });
});

describe('conversationClosedJobId', () => {
  it('is the same for the same conversation and differs from its handoff job id', () => {
    expect(conversationClosedJobId('conv_42')).toBe(conversationClosedJobId('conv_42'));
    expect(conversationClosedJobId('conv_42')).not.toBe('handoff-conv_42');
  });
});
