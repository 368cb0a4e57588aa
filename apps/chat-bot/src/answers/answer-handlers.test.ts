import { describe, expect, it } from 'vitest';
import { testTurn } from '../testing/turn-context.ts';
import { catalogAnswerHandlers } from './answer-handlers.ts';
import * as replies from './dialog-replies.ts';

describe('catalogAnswerHandlers', () => {
  it('greets and shows the menu for a verified shopper as such, and writes the plan’s fields with the reply', async () => {
    const patch = { pending: null, consecutiveFallbacks: 0 };
    const verified = testTurn({ conversation: { customerId: 'cus_1' }, patch });
    expect(await catalogAnswerHandlers.greet({ kind: 'greet' }, verified)).toEqual({
      replies: [replies.greetingReply('en', true)],
      patch,
    });
    expect(await catalogAnswerHandlers.menu({ kind: 'menu' }, testTurn())).toEqual({
      replies: [replies.menuReply('en', false)],
      patch: {},
    });
    expect(replies.greetingReply('en', true)).not.toEqual(replies.greetingReply('en', false));
  });

  it('asks for the email of the order the plan names, in the turn’s language', async () => {
    const turn = { ...testTurn(), language: 'zh-Hans' as const };
    const result = await catalogAnswerHandlers.ask_email({ kind: 'ask_email', orderNumber: '1042' }, turn);
    expect(result.replies).toEqual([replies.askEmailReply('zh-Hans', '1042')]);
    expect(result.replies[0]?.body).toContain('1042');
  });

  it('falls back with the reply for the shopper’s verification', async () => {
    const result = await catalogAnswerHandlers.fallback(
      { kind: 'fallback' },
      testTurn({ conversation: { customerId: 'cus_1' } }),
    );
    expect(result.replies).toEqual([replies.fallbackReply('en', true)]);
  });
});
