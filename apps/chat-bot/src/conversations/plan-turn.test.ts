import { describe, expect, it } from 'vitest';
import type { Intent } from '../nlu/intents.ts';
import type { Understanding } from '../nlu/understand.ts';
import { isDialogTurn, planTurn, type TurnInput } from './plan-turn.ts';

function understood(
  intent: Intent,
  entities: Partial<Understanding['entities']> = {},
  language: Understanding['language'] = 'en',
): Understanding {
  return {
    intent,
    score: 0.9,
    language,
    entities: { orderNumbers: [], emails: [], trackingNumbers: [], country: null, ...entities },
  };
}

const fresh: TurnInput['conversation'] = {
  state: 'bot',
  customerId: null,
  pending: null,
  lastOrderNumber: null,
  consecutiveFallbacks: 0,
  survey: null,
  language: 'en',
};

const turn = (
  text: string,
  understanding: Understanding | null,
  conversation: Partial<TurnInput['conversation']> = {},
  command: TurnInput['command'] = null,
) => planTurn({ conversation: { ...fresh, ...conversation }, text, command, understanding });

describe('planTurn', () => {
  it('asks an unverified shopper for the order email and remembers the order', () => {
    const plan = turn('where is my order 1042', understood('order.status', { orderNumbers: ['1042'] }));
    expect(plan.action).toEqual({ kind: 'ask_email', orderNumber: '1042' });
    expect(plan.patch.pending).toEqual({ kind: 'email_for_order', orderNumber: '1042' });
    expect(plan.patch.lastOrderNumber).toBe('1042');
  });

  it('verifies the email given next, keeping the conversation language for a bare email', () => {
    const plan = turn('ada@example.com', understood('none', { emails: ['ada@example.com'] }), {
      pending: { kind: 'email_for_order', orderNumber: '1042' },
      language: 'zh-Hans',
    });
    expect(plan.action).toEqual({ kind: 'verify_email', orderNumber: '1042', email: 'ada@example.com' });
    expect(plan.language).toBe('zh-Hans');
  });

  it('shows a verified shopper the order straight away, and their recent orders when none is named', () => {
    expect(
      turn('order 1042?', understood('order.status', { orderNumbers: ['1042'] }), { customerId: 'cus_1' }).action,
    ).toEqual({
      kind: 'show_order',
      orderNumber: '1042',
    });
    expect(turn('my orders', understood('order.status'), { customerId: 'cus_1' }).action).toEqual({
      kind: 'recent_orders',
    });
    expect(turn('my orders', understood('order.status')).action).toEqual({ kind: 'ask_order_number' });
  });

  it('reads a bare order number as an answer, not as nonsense', () => {
    expect(turn('#1042', understood('none', { orderNumbers: ['1042'] })).action).toEqual({
      kind: 'ask_email',
      orderNumber: '1042',
    });
  });

  it('offers a person after two fallbacks in a row and hands off when accepted', () => {
    const first = turn('blorp', understood('none'));
    expect(first.action.kind).toBe('fallback');
    expect(first.patch.consecutiveFallbacks).toBe(1);
    const second = turn('zzz', understood('none'), { consecutiveFallbacks: 1 });
    expect(second.action.kind).toBe('offer_human');
    expect(second.patch.pending).toEqual({ kind: 'handoff_offer', reason: 'repeated_fallback', issueKind: 'general' });
    const accepted = turn(
      'Yes, connect me',
      null,
      { pending: second.patch.pending ?? null, consecutiveFallbacks: 2 },
      { kind: 'handoff.accept' },
    );
    expect(accepted.action).toEqual({ kind: 'handoff', reason: 'repeated_fallback', issueKind: 'general' });
    expect(turn('yes', understood('none'), { pending: second.patch.pending ?? null }).action.kind).toBe('handoff');
  });

  it('resets the fallback count on any understood message', () => {
    expect(turn('hi', understood('greeting'), { consecutiveFallbacks: 1 }).patch.consecutiveFallbacks).toBe(0);
  });

  it('hands missing and damaged parcels with no order named to a person at once, and only offers for delays', () => {
    expect(turn('my parcel never arrived', understood('order.problem')).action).toEqual({
      kind: 'handoff',
      reason: 'sensitive_issue',
      issueKind: 'order_missing',
    });
    expect(turn('it arrived broken', understood('order.problem')).action).toMatchObject({ issueKind: 'order_damaged' });
    const late = turn('my order is late', understood('order.problem'));
    expect(late.action).toEqual({ kind: 'problem_offer', problem: 'order_delayed' });
    expect(late.patch.pending).toEqual({ kind: 'handoff_offer', reason: 'requested', issueKind: 'order_delayed' });
  });

  describe('a missing or damaged parcel of a named order (issue 22 §6)', () => {
    const kettle = 'hey my kettle never arrived, order 1038';
    const asked = {
      pending: { kind: 'email_for_order', orderNumber: '1038', parcelProblem: 'order_missing', failures: 0 },
      lastOrderNumber: '1038',
    } as const;

    it('asks an unverified shopper once for the order email instead of handing off at once', () => {
      const plan = turn(kettle, understood('order.problem', { orderNumbers: ['1038'] }));
      expect(plan.action).toEqual({
        kind: 'parcel_ask_email',
        orderNumber: '1038',
        problem: 'order_missing',
        failures: 0,
      });
      expect(plan.patch.pending).toEqual(asked.pending);
      expect(plan.patch.lastOrderNumber).toBe('1038');
      // The Chinese phrasing reads as a status question: the problem in it still decides.
      const zh = turn('我的水壶没收到，订单1038', understood('order.status', { orderNumbers: ['1038'] }, 'zh-Hans'));
      expect(zh.action).toEqual({
        kind: 'parcel_ask_email',
        orderNumber: '1038',
        problem: 'order_missing',
        failures: 0,
      });
      expect(zh.language).toBe('zh-Hans');
      expect(
        turn('the kettle from order 1038 arrived broken', understood('order.problem', { orderNumbers: ['1038'] }))
          .action,
      ).toMatchObject({ kind: 'parcel_ask_email', problem: 'order_damaged' });
    });

    it('checks the email given next', () => {
      const plan = turn('bob@example.com', understood('none', { emails: ['bob@example.com'] }), asked);
      expect(plan.action).toEqual({
        kind: 'parcel_verify',
        orderNumber: '1038',
        email: 'bob@example.com',
        problem: 'order_missing',
        failures: 0,
      });
    });

    it('hands off unverified, marked declined, when the shopper refuses', () => {
      for (const [text, intent] of [
        ["I don't want to say", 'agent.handoff'],
        ['no', 'order.status'],
        ['不想说', 'order.problem'],
        ["I'd rather not tell you that", 'none'],
      ] as const) {
        expect(turn(text, understood(intent), asked).action, text).toEqual({
          kind: 'handoff',
          reason: 'sensitive_issue',
          issueKind: 'order_missing',
          verification: 'declined',
        });
      }
    });

    it('hands off the parcel problem, marked declined, when the shopper taps "Talk to a person" instead', () => {
      expect(turn('Talk to a person', null, asked, { kind: 'handoff.request' }).action).toEqual({
        kind: 'handoff',
        reason: 'sensitive_issue',
        issueKind: 'order_missing',
        verification: 'declined',
      });
    });

    it('asks once more after an answer without an email, and hands off unverified after the second', () => {
      const first = turn('it was my work one', understood('none'), asked);
      expect(first.action).toEqual({
        kind: 'parcel_ask_email',
        orderNumber: '1038',
        problem: 'order_missing',
        failures: 1,
      });
      expect(first.patch.pending).toMatchObject({ failures: 1 });
      const second = turn('hmm', understood('none'), { ...asked, pending: { ...asked.pending, failures: 1 } });
      expect(second.action).toEqual({
        kind: 'handoff',
        reason: 'sensitive_issue',
        issueKind: 'order_missing',
        verification: 'not_matched',
      });
      expect(second.patch.pending).toBeNull();
    });

    it('shows a verified shopper the tracking and hands off; with no order named, hands off at once', () => {
      expect(
        turn(kettle, understood('order.problem', { orderNumbers: ['1038'] }), { customerId: 'cus_1' }).action,
      ).toEqual({
        kind: 'handoff',
        reason: 'sensitive_issue',
        issueKind: 'order_missing',
        trackingOf: '1038',
      });
    });
  });

  it('answers shipping questions for the named country, in the message language', () => {
    const plan = turn('运费多少', understood('shipping.cost', {}, 'zh-Hans'));
    expect(plan.action).toEqual({ kind: 'shipping_cost', country: null });
    expect(plan.language).toBe('zh-Hans');
    expect(plan.patch.language).toBe('zh-Hans');
    expect(turn('shipping to Canada?', understood('shipping.cost', { country: 'CA' })).action).toEqual({
      kind: 'shipping_cost',
      country: 'CA',
    });
  });

  it('forwards everything to the agent once handed off, noting a repeated request', () => {
    expect(turn('hello?', understood('greeting'), { state: 'waiting' }).action).toEqual({
      kind: 'forward_to_agent',
      alreadyWaitingReply: false,
    });
    expect(turn('talk to a human', understood('agent.handoff'), { state: 'agent' }).action).toEqual({
      kind: 'forward_to_agent',
      alreadyWaitingReply: true,
    });
  });

  it('takes survey answers while the survey runs, and reopens the chat for a new question', () => {
    const survey = { step: 'csat' as const, answers: {}, ticketId: null, startedAt: new Date(), finishedAt: null };
    expect(turn('4', understood('none'), { state: 'closed', survey }).action).toEqual({
      kind: 'survey_answer',
      question: 'csat',
      score: 4,
    });
    expect(turn('8', understood('none'), { state: 'closed', survey }).action).toEqual({
      kind: 'survey_invalid',
      question: 'csat',
    });
    expect(
      turn('', null, { state: 'closed', survey }, { kind: 'survey.answer', question: 'csat', score: 2 }).action,
    ).toMatchObject({ score: 2 });
    const reopened = turn('how much is shipping to Canada', understood('shipping.cost', { country: 'CA' }), {
      state: 'closed',
      survey,
    });
    expect(reopened.action.kind).toBe('shipping_cost');
    expect(reopened.patch.state).toBe('bot');
    expect(reopened.patch.survey?.step).toBeNull();
  });

  it('closes the chat when the shopper says that is all', () => {
    expect(
      turn("No, that's all", null, { pending: { kind: 'anything_else' } }, { kind: 'conversation.end' }).action.kind,
    ).toBe('close');
    expect(turn('no thanks', understood('thanks'), { pending: { kind: 'anything_else' } }).action.kind).toBe('close');
  });
});

describe('isDialogTurn', () => {
  const verified = { customerId: 'cus_1' };
  const dialogTurn = (
    text: string,
    understanding: Understanding | null,
    conversation: Partial<TurnInput['conversation']> = {},
  ): boolean => {
    const state = { ...fresh, ...conversation };
    return isDialogTurn(state, planTurn({ conversation: state, text, command: null, understanding }));
  };

  it('answers a single question in one reply outside a dialog', () => {
    expect(dialogTurn('where is my order 1042', understood('order.status', { orderNumbers: ['1042'] }), verified)).toBe(
      false,
    );
    expect(dialogTurn('my orders', understood('order.status'), verified)).toBe(false);
    expect(dialogTurn('how much is shipping to Canada', understood('shipping.cost', { country: 'CA' }))).toBe(false);
    expect(dialogTurn('运费多少', understood('shipping.cost', {}, 'zh-Hans'))).toBe(false);
    expect(dialogTurn('how long does delivery take', understood('shipping.time'))).toBe(false);
    expect(dialogTurn('can I return it', understood('returns.policy'))).toBe(false);
    expect(dialogTurn('hi', understood('greeting'))).toBe(false);
  });

  it('runs as a dialog turn whatever opens a question: asking for the email, offering a person, "anything else?"', () => {
    expect(dialogTurn('where is my order 1042', understood('order.status', { orderNumbers: ['1042'] }))).toBe(true);
    expect(dialogTurn('my parcel is late', understood('order.problem'))).toBe(true);
    expect(dialogTurn('thanks', understood('thanks'))).toBe(true);
    expect(dialogTurn('asdf', understood('none'))).toBe(true);
    expect(dialogTurn('talk to a human', understood('agent.handoff'))).toBe(true);
  });

  it('runs as a dialog turn whatever continues one: a pending question, a survey, a person on the chat', () => {
    const shipping = understood('shipping.cost');
    expect(dialogTurn('shipping?', shipping, { pending: { kind: 'email_for_order', orderNumber: '1042' } })).toBe(true);
    expect(dialogTurn('shipping?', shipping, { pending: { kind: 'anything_else' } })).toBe(true);
    expect(dialogTurn('shipping?', shipping, { state: 'waiting' })).toBe(true);
    expect(dialogTurn('shipping?', shipping, { state: 'agent' })).toBe(true);
    expect(dialogTurn('shipping?', shipping, { state: 'closed' })).toBe(true);
    expect(
      dialogTurn('5', understood('none'), {
        state: 'closed',
        survey: { step: 'csat', answers: {}, ticketId: null, startedAt: new Date(0), finishedAt: null },
      }),
    ).toBe(true);
  });
});
