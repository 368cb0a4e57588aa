import { describe, expect, it } from 'vitest';
import { newConversation, type Conversation } from './conversation.ts';
import { changedFields, setFields, ticketIdIfUnknown, transitionFrom } from './conversation-change.ts';

const now = new Date('2026-03-01T10:00:00Z');
const conversation = (fields: Partial<Conversation> = {}): Conversation => ({
  ...newConversation({ id: 'conv_1', shop: null, language: 'en', now }),
  ...fields,
});
const handoff = {
  reason: 'requested' as const,
  issueKind: 'general' as const,
  requestedAt: now,
  jobId: 'handoff-conv_1',
};

describe('changedFields', () => {
  it('keeps only the fields whose value differs, compared by value', () => {
    const current = conversation({ pending: { kind: 'anything_else' }, lastOrderNumber: '1042' });
    expect(
      changedFields(current, {
        pending: { kind: 'anything_else' },
        lastOrderNumber: '1043',
        consecutiveFallbacks: 0,
        customerId: undefined,
      }),
    ).toEqual({ lastOrderNumber: '1043' });
  });

  it('setFields is the same rule as a change', () => {
    expect(setFields({ pending: null, language: 'zh-Hans' })(conversation())).toEqual({ language: 'zh-Hans' });
  });
});

describe('transitionFrom', () => {
  it('applies the patch in one of the given states and declines in any other', () => {
    const toWaiting = transitionFrom(['bot', 'closed'], { state: 'waiting' });
    expect(toWaiting(conversation({ state: 'closed' }))).toEqual({ state: 'waiting' });
    expect(toWaiting(conversation({ state: 'agent' }))).toBeNull();
  });
});

describe('ticketIdIfUnknown', () => {
  it('sets the ticket id on a handoff without one, and never replaces a known one', () => {
    const waiting = conversation({ state: 'waiting', handoff: { ...handoff, ticketId: null } });
    expect(ticketIdIfUnknown('tkt_1')(waiting)).toEqual({ handoff: { ...handoff, ticketId: 'tkt_1' } });
    expect(ticketIdIfUnknown('tkt_2')({ ...waiting, handoff: { ...handoff, ticketId: 'tkt_1' } })).toBeNull();
    expect(ticketIdIfUnknown('tkt_1')(conversation())).toBeNull();
  });
});
