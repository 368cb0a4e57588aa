import { describe, expect, it } from 'vitest';
import type { TicketMessage } from '@loyaldesk/contracts/tickets-api';
import { mergeMessages, storedCopyOf, withDeliveryStates, type ShownMessage } from './conversation-state.ts';

const message = (id: string, at: string, kind: TicketMessage['author']['kind'], body = id, visibility: TicketMessage['visibility'] = 'public'): TicketMessage => ({
  id,
  author: { kind, ...(kind === 'agent' ? { id: 'demo-agent', name: 'Avery' } : {}) },
  visibility,
  body,
  at,
});

describe('conversation state', () => {
  it('keeps one copy per message, oldest first', () => {
    const first = message('m1', '2026-01-01T00:00:00Z', 'customer');
    const second = message('m2', '2026-01-01T00:01:00Z', 'bot');
    expect(mergeMessages([second], [first, second]).map((m) => m.id)).toEqual(['m1', 'm2']);
  });
  it('finds the stored copy of a reply that was being sent', () => {
    const local: ShownMessage = { ...message('local-1', '2026-01-01T00:02:00Z', 'agent', 'On it'), localId: 'local-1', delivery: 'sending' };
    const stored = message('msg_9', '2026-01-01T00:02:01Z', 'agent', 'On it');
    expect(storedCopyOf(local, [message('m1', '2026-01-01T00:00:00Z', 'customer'), stored], new Set())).toBe(stored);
    expect(storedCopyOf(local, [stored], new Set(['msg_9']))).toBeUndefined();
    expect(storedCopyOf({ ...local, visibility: 'internal' }, [stored], new Set())).toBeUndefined();
  });
  it('marks stored replies sent, and delivered once the shopper wrote after them', () => {
    const shown = withDeliveryStates([
      message('r1', '2026-01-01T00:01:00Z', 'agent'),
      message('c1', '2026-01-01T00:02:00Z', 'customer'),
      message('r2', '2026-01-01T00:03:00Z', 'agent'),
      message('n1', '2026-01-01T00:04:00Z', 'agent', 'note', 'internal'),
    ]);
    expect(shown.map((m) => m.delivery)).toEqual(['delivered', undefined, 'sent', undefined]);
  });
  it('keeps a failed reply failed so it can be retried', () => {
    const failed: ShownMessage = { ...message('local-2', '2026-01-01T00:05:00Z', 'agent'), localId: 'local-2', delivery: 'failed' };
    expect(withDeliveryStates([failed])[0]?.delivery).toBe('failed');
  });
});
