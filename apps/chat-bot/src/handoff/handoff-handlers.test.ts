import { describe, expect, it } from 'vitest';
import * as replies from '../answers/dialog-replies.ts';
import { testTurn } from '../testing/turn-context.ts';
import { forwardedMessageReplies, handoffOfferHandlers } from './handoff-handlers.ts';

const standing = { ticketId: 'tkt_1', position: 3, expectedWaitSeconds: 240, at: new Date('2026-03-01T10:00:00Z') };

describe('forwardedMessageReplies', () => {
  it('says where the shopper is in line only when they ask for a person again while waiting', () => {
    const askAgain = { kind: 'forward_to_agent', alreadyWaitingReply: true } as const;
    expect(forwardedMessageReplies(askAgain, { state: 'waiting', queue: standing }, 'en')).toEqual([
      replies.alreadyWaitingReply('en', 3),
    ]);
    expect(forwardedMessageReplies(askAgain, { state: 'waiting', queue: null }, 'en')).toEqual([
      replies.alreadyWaitingReply('en', null),
    ]);
  });

  it.each([
    { asksAgain: false, state: 'waiting' as const },
    { asksAgain: true, state: 'agent' as const },
  ])('says nothing when asksAgain=$asksAgain and the chat is $state', ({ asksAgain, state }) => {
    const action = { kind: 'forward_to_agent', alreadyWaitingReply: asksAgain } as const;
    expect(forwardedMessageReplies(action, { state, queue: standing }, 'en')).toEqual([]);
  });
});

describe('handoffOfferHandlers', () => {
  it('offers a person for a named problem, and keeps the plan’s fields (the pending offer) for the reply', async () => {
    const patch = { pending: { kind: 'handoff_offer', reason: 'requested', issueKind: 'wrong_item' } } as const;
    const result = await handoffOfferHandlers.problem_offer(
      { kind: 'problem_offer', problem: 'wrong_item' },
      testTurn({ patch }),
    );
    expect(result).toEqual({ replies: [replies.problemOfferReply('en', 'wrong_item')], patch });
  });

  it('answers a declined offer', async () => {
    const result = await handoffOfferHandlers.handoff_declined({ kind: 'handoff_declined' }, testTurn());
    expect(result.replies).toEqual([replies.handoffDeclinedReply('en')]);
  });
});
